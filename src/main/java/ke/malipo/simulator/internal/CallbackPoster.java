package ke.malipo.simulator.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts results to the merchant's URL over real HTTP, once, like Daraja: a failed
 * delivery is not retried (daraja-reference.md §8).
 */
class CallbackPoster {

	private static final Logger log = LoggerFactory.getLogger(CallbackPoster.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	void post(String url, Object body) {
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
