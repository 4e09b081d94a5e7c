package ke.malipo.notifications.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;

import ke.malipo.common.phone.Msisdn;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Africa's Talking's SMS API, as its documentation shapes it: a form post to
 * {@code /version1/messaging} with the {@code apiKey} header, answered with
 * {@code SMSMessageData.Recipients[]}, one per number, each with a {@code statusCode}:
 * 100–102 taken, 401–409 refused for good (406: the person blocked messages), 500–502 the
 * provider's failure. There is no idempotency key, so a call whose answer never came is
 * reported as such and not repeated.
 */
class AfricasTalking {

	/** The codes with which Africa's Talking takes a message. */
	private static final Set<Integer> TAKEN = Set.of(100, 101, 102);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http;

	private final SmsSettings settings;

	AfricasTalking(SmsSettings settings, String baseUrl) {
		this.settings = settings;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		requests.setReadTimeout(settings.timeout());
		this.http = RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
	}

	/** Sends one message to one number and says what became of it. */
	Outcome send(Msisdn to, String message) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", this.settings.username());
		form.add("to", "+" + to.value());
		form.add("message", message);
		if (this.settings.from() != null && !this.settings.from().isBlank()) {
			form.add("from", this.settings.from());
		}
		String body;
		try {
			body = this.http.post()
				.uri("/version1/messaging")
				.header("apiKey", this.settings.apiKey())
				.accept(MediaType.APPLICATION_JSON)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.body(String.class);
		}
		catch (RestClientResponseException ex) {
			// Refused before any message was taken: safe to try again when it is theirs.
			return ex.getStatusCode().is5xxServerError() ? new Outcome.TryAgain("HTTP " + ex.getStatusCode().value())
					: new Outcome.Refused(ex.getStatusCode().value(), "HTTP " + ex.getStatusCode().value());
		}
		catch (ResourceAccessException ex) {
			// No connection means nothing was sent; a timeout means we cannot know.
			return (ex.getCause() instanceof java.net.ConnectException)
					? new Outcome.TryAgain("not reachable: " + ex.getMessage())
					: new Outcome.Unknown("no answer: " + ex.getMessage());
		}
		return read(body);
	}

	static Outcome read(@Nullable String body) {
		JsonNode recipients = JSON.readTree((body != null) ? body : "{}").path("SMSMessageData").path("Recipients");
		if (!recipients.isArray() || recipients.isEmpty()) {
			return new Outcome.Refused(0, "no recipient in the answer: " + body);
		}
		JsonNode first = recipients.get(0);
		int code = first.path("statusCode").asInt(0);
		String status = first.path("status").asString("");
		if (TAKEN.contains(code)) {
			return new Outcome.Taken(first.path("messageId").asString(""), code);
		}
		if (code >= 500) {
			return new Outcome.TryAgain(code + " " + status);
		}
		return new Outcome.Refused(code, code + " " + status);
	}

	/** What became of a message. */
	sealed interface Outcome {

		/** Taken for delivery, with the provider's id. */
		record Taken(String messageId, int code) implements Outcome {
		}

		/** Refused for good (invalid number, blacklisted, no balance…). */
		record Refused(int code, String why) implements Outcome {
		}

		/** Not taken, for a passing reason: try again later. */
		record TryAgain(String why) implements Outcome {
		}

		/** Perhaps taken: never sent again blindly. */
		record Unknown(String why) implements Outcome {
		}

	}

}
