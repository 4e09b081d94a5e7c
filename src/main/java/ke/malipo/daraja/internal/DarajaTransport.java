package ke.malipo.daraja.internal;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import ke.malipo.daraja.CodeClass;
import ke.malipo.daraja.DarajaJson;
import ke.malipo.daraja.DarajaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * HTTP to Daraja: TLS 1.2 or newer only, connect and read timeouts, the OAuth token on
 * every call (renewed and the call repeated once when Daraja refuses it), and a circuit
 * breaker that stops calling a Daraja that keeps failing.
 */
class DarajaTransport {

	private static final Logger log = LoggerFactory.getLogger(DarajaTransport.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DarajaSettings settings;

	private final DarajaEndpoints endpoints;

	private final RestClient http;

	private final AccessTokens tokens;

	private final CircuitBreaker breaker;

	private final Clock clock;

	private final io.micrometer.core.instrument.MeterRegistry meters;

	DarajaTransport(DarajaSettings settings, DarajaEndpoints endpoints, Clock clock) {
		// Tests that build a client by hand measure nothing: an empty composite is a
		// no-op.
		this(settings, endpoints, clock, new io.micrometer.core.instrument.composite.CompositeMeterRegistry());
	}

	DarajaTransport(DarajaSettings settings, DarajaEndpoints endpoints, Clock clock,
			io.micrometer.core.instrument.MeterRegistry meters) {
		this.meters = meters;
		this.settings = settings;
		this.endpoints = endpoints;
		this.clock = clock;
		this.tokens = new AccessTokens(clock, settings.tokenRefreshMargin());
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.sslParameters(tls12OrNewer())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(settings.readTimeout());
		this.http = RestClient.builder().requestFactory(factory).build();
		this.breaker = CircuitBreaker.of("daraja",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(20)
					.minimumNumberOfCalls(10)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(30))
					.permittedNumberOfCallsInHalfOpenState(3)
					.recordExceptions(TransientDarajaException.class)
					.build());
	}

	/** Only TLS 1.2 and 1.3 are offered to Daraja (Property 44). */
	static SSLParameters tls12OrNewer() {
		try {
			SSLParameters parameters = SSLContext.getDefault().getDefaultSSLParameters();
			parameters.setProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
			return parameters;
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No TLS available", ex);
		}
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	/**
	 * POSTs a JSON body with a bearer token; renews the token and repeats once if it is
	 * refused.
	 */
	DarajaAnswer post(String path, Map<String, Object> body) {
		String token = token();
		DarajaAnswer answer = send(path, body, token);
		if (answer.isError() && answer.errorClass().codeClass() == CodeClass.AUTHENTICATION) {
			// The gateway refused the token before the request reached M-Pesa, so
			// repeating is safe.
			this.tokens.invalidate(credentialsKey(), token);
			answer = send(path, body, token());
		}
		return answer;
	}

	/**
	 * A plain GET of a text resource under the Daraja address, or null when it cannot be
	 * had.
	 */
	@org.jspecify.annotations.Nullable
	String fetchText(String path) {
		try {
			return this.http.get().uri(this.endpoints.base() + path).retrieve().body(String.class);
		}
		catch (org.springframework.web.client.RestClientException ex) {
			log.warn("Could not fetch {}: {}", path, ex.getMessage());
			return null;
		}
	}

	/** The current OAuth token, fetched at most once at a time per credential set. */
	String token() {
		return this.tokens.get(credentialsKey(), this::fetchToken);
	}

	private AccessTokens.Token fetchToken() {
		String basic = Base64.getEncoder()
			.encodeToString((this.settings.consumerKey() + ":" + this.settings.consumerSecret())
				.getBytes(StandardCharsets.UTF_8));
		DarajaAnswer answer = exchange("/oauth/v1/generate",
				() -> this.http.get()
					.uri(this.endpoints.base() + "/oauth/v1/generate?grant_type=client_credentials")
					.header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
					.accept(MediaType.APPLICATION_JSON));
		String token = DarajaJson.text(answer.body(), "access_token").orElse(null);
		if (answer.isError() || token == null) {
			throw new DarajaRefusedException(answer);
		}
		long seconds = DarajaJson.text(answer.body(), "expires_in").map(Long::parseLong).orElse(3599L);
		return new AccessTokens.Token(token, this.clock.instant().plusSeconds(seconds));
	}

	private DarajaAnswer send(String path, Map<String, Object> body, String token) {
		return exchange(path,
				// A plain URI: the address has no template to expand (a tenth of the
				// push's own CPU went to parsing and expanding it as one).
				() -> this.http.post()
					.uri(URI.create(this.endpoints.base() + path))
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.contentType(MediaType.APPLICATION_JSON)
					.accept(MediaType.APPLICATION_JSON)
					.body(JSON.writeValueAsString(body)));
	}

	/**
	 * One call to Daraja, timed as {@code malipo.daraja.calls} by endpoint and outcome
	 * (ok, an error answer, or unreachable).
	 */
	private DarajaAnswer exchange(String path, java.util.function.Supplier<RestClient.RequestHeadersSpec<?>> request) {
		long start = System.nanoTime();
		String outcome = "unreachable";
		try {
			DarajaAnswer answer = request.get().exchange((req, res) -> {
				byte[] bytes = res.getBody().readAllBytes();
				return new DarajaAnswer(res.getStatusCode().value(), parse(bytes));
			});
			outcome = answer.isError() ? "error" : "ok";
			return answer;
		}
		catch (ResourceAccessException ex) {
			boolean notSent = isConnectFailure(ex);
			log.warn("Daraja call failed ({}): {}", notSent ? "not sent" : "may have been sent", ex.getMessage());
			throw new TransientDarajaException("Daraja could not be reached: " + ex.getMessage(), !notSent, ex);
		}
		finally {
			io.micrometer.core.instrument.Timer.builder("malipo.daraja.calls")
				.description("Calls to Daraja by endpoint and outcome")
				.tag("endpoint", endpointName(path))
				.tag("outcome", outcome)
				.register(this.meters)
				.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
		}
	}

	/** "stkpush" for /mpesa/stkpush/v1/processrequest, "oauth" for /oauth/v1/generate. */
	static String endpointName(String path) {
		int start = 0;
		while (start < path.length() && path.charAt(start) == '/') {
			start++;
		}
		String[] parts = path.substring(start).split("/");
		return ("mpesa".equals(parts[0]) && parts.length > 1) ? parts[1] : parts[0];
	}

	private static JsonNode parse(byte[] bytes) {
		if (bytes.length == 0) {
			return JSON.createObjectNode();
		}
		try {
			JsonNode node = JSON.readTree(bytes);
			return (node != null && node.isObject()) ? node : JSON.createObjectNode();
		}
		catch (JacksonException ex) {
			// Gateways sometimes answer HTML or plain text; the status code still speaks.
			return JSON.createObjectNode();
		}
	}

	private static boolean isConnectFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

	private String credentialsKey() {
		return this.endpoints.base() + "|" + this.settings.consumerKey();
	}

}
