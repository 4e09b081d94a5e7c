package ke.malipo.simulator.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ke.malipo.common.http.HttpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts results to the merchant's URL over real HTTP, once, like Daraja: a failed
 * delivery is not retried (daraja-reference.md §8). Unlike Daraja it calls only this
 * machine (localhost or a loopback address) and hosts named in
 * {@code malipo.simulator.callback-hosts}: anyone who can reach the simulator chooses its
 * CallBackURL, and it must not become a way to make the server call other machines. Host
 * names are compared as written, never resolved, so DNS cannot redirect a call.
 */
class CallbackPoster {

	private static final Logger log = LoggerFactory.getLogger(CallbackPoster.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final Set<String> allowedHosts;

	CallbackPoster(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts.stream()
			.map((host) -> host.strip().toLowerCase(Locale.ROOT))
			.collect(java.util.stream.Collectors.toUnmodifiableSet());
	}

	/** Whether the simulator may call this URL back. */
	boolean allowed(String url) {
		return HttpAddress.parse(url)
			.map((uri) -> uri.getHost().toLowerCase(Locale.ROOT))
			.filter((host) -> host.equals("localhost") || loopbackLiteral(host) || this.allowedHosts.contains(host))
			.isPresent();
	}

	/**
	 * An IPv4 or bracketed IPv6 literal in the loopback range; names are not resolved.
	 */
	private static boolean loopbackLiteral(String host) {
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		// Only these two shapes reach getByName, which parses literals without DNS.
		boolean ipv4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		boolean ipv6 = literal.contains(":") && literal.matches("[0-9a-f:.]+");
		if (!ipv4 && !ipv6) {
			return false;
		}
		try {
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return false;
		}
	}

	void post(String url, Object body) {
		if (!allowed(url)) {
			log.warn("The simulator does not call back {}: only this machine and malipo.simulator.callback-hosts", url);
			return;
		}
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build();
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			log.debug("Callback to {} answered {}", url, response.statusCode());
		}
		catch (java.io.IOException ex) {
			log.info("Callback to {} failed and will not be retried: {}", url, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
