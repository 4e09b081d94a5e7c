package ke.malipo.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ke.malipo.common.phone.Msisdn;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Africa's Talking's SMS API as the simulator plays it: the shapes of its answers and its
 * codes, by the number's last digit in the test block (3: 403 InvalidPhoneNumber, 6: 406
 * UserInBlacklist, anything else: 101 Success), and a delivery report posted a moment
 * later to the report address (Failed, AbsentSubscriber, for numbers ending in 7; Success
 * otherwise). What it took is kept for the virtual phone and for tests.
 */
public class SimulatedSms {

	private static final Logger log = LoggerFactory.getLogger(SimulatedSms.class);

	private final String apiKey;

	private final Clock clock;

	private final Supplier<String> reportUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Sms> received = Collections.synchronizedList(new ArrayList<>());

	SimulatedSms(String apiKey, Clock clock, Supplier<String> reportUrl) {
		this.apiKey = apiKey;
		this.clock = clock;
		this.reportUrl = reportUrl;
	}

	/** The answer to {@code POST /version1/messaging}: its HTTP status and JSON body. */
	public Answer send(@Nullable String key, @Nullable String username, @Nullable String to, @Nullable String message,
			@Nullable String from) {
		if (key == null || !key.equals(this.apiKey)) {
			return new Answer(401, Map.of("message", "The supplied authentication is invalid"));
		}
		if (username == null || username.isBlank() || message == null || message.isBlank() || to == null) {
			return new Answer(400, Map.of("message", "Missing username, to or message"));
		}
		String number = to.strip();
		int code;
		String status;
		String messageId = "None";
		String digits = number.startsWith("+") ? number.substring(1) : number;
		if (Msisdn.tryParse(number).isEmpty() || digits.endsWith("3")) {
			code = 403;
			status = "InvalidPhoneNumber";
		}
		else if (digits.endsWith("6")) {
			code = 406;
			status = "UserInBlacklist";
		}
		else {
			code = 101;
			status = "Success";
			messageId = "ATXid_" + UUID.randomUUID().toString().replace("-", "");
			this.received.add(new Sms(Msisdn.parse(number).value(), message, from, messageId, this.clock.instant()));
			report(messageId, number, digits.endsWith("7"));
		}
		Map<String, Object> recipient = Map.of("statusCode", code, "number", number, "status", status, "cost",
				(code == 101) ? "KES 0.8000" : "0", "messageId", messageId);
		return new Answer(201, Map.of("SMSMessageData", Map.of("Message",
				"Sent to " + ((code == 101) ? 1 : 0) + "/1 Total Cost: KES 0.8000", "Recipients", List.of(recipient))));
	}

	/** Posts the delivery report a moment later, as Africa's Talking does. */
	private void report(String messageId, String number, boolean absent) {
		String form = "id=" + enc(messageId) + "&status=" + (absent ? "Failed" : "Success") + "&phoneNumber="
				+ enc(number) + "&networkCode=63902" + (absent ? "&failureReason=AbsentSubscriber" : "");
		CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> {
			try {
				this.http.send(HttpRequest.newBuilder(URI.create(this.reportUrl.get()))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.timeout(Duration.ofSeconds(5))
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.discarding());
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Delivery report for {} not delivered: {}", messageId, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static String enc(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** What was taken, newest first, only for this number when one is given. */
	public List<Sms> received(@Nullable String to) {
		String number = (to != null) ? Msisdn.tryParse(to).map(Msisdn::value).orElse(to) : null;
		synchronized (this.received) {
			return this.received.stream()
				.filter((sms) -> number == null || sms.to().equals(number))
				.sorted((a, b) -> b.at().compareTo(a.at()))
				.toList();
		}
	}

	/** A message the simulator took. */
	public record Sms(String to, String message, @Nullable String from, String messageId, Instant at) {
	}

	/** An answer to send back. */
	public record Answer(int status, Map<String, Object> body) {
	}

}
