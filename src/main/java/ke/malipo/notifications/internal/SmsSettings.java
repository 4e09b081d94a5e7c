package ke.malipo.notifications.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Africa's Talking, for SMS.
 *
 * @param baseUrl the API's address; empty means the built-in simulator locally, and is
 * refused in production ({@code https://api.africastalking.com}, or
 * {@code https://api.sandbox.africastalking.com} with username {@code sandbox})
 * @param username the Africa's Talking app's username
 * @param apiKey its API key
 * @param from a sender id or short code, when the account has one
 * @param timeout how long to wait for an answer before the message's fate is unknown
 * @param reportToken the secret that ends the delivery-report address given to Africa's
 * Talking ({@code /api/notifications/sms-reports/<token>}): it sends no credentials, so
 * the address authenticates it; the local default is refused in production
 * @param reportWait how long to wait for a delivery report before the message is marked
 * NO_REPORT
 * @param maxPerSecond the most messages sent in a second: a burst of reminders due at
 * once is spread out so that payments on the same node keep their pace (and Africa's
 * Talking's own rate limit is respected)
 */
@ConfigurationProperties("malipo.notifications.sms")
public record SmsSettings(@DefaultValue("") String baseUrl, @DefaultValue("sandbox") String username,
		@DefaultValue("simulator-at-key") String apiKey, @Nullable String from, @DefaultValue("10s") Duration timeout,
		@DefaultValue(SmsSettings.LOCAL_REPORT_TOKEN) String reportToken, @DefaultValue("24h") Duration reportWait,
		@DefaultValue("100") int maxPerSecond) {

	/** The delivery-report secret of the local run and the simulator. */
	public static final String LOCAL_REPORT_TOKEN = "local-sms-report-token";

	/** Where delivery reports arrive, before the token. */
	public static final String REPORT_PATH = "/api/notifications/sms-reports";

	public SmsSettings {
		if (maxPerSecond < 1 || maxPerSecond > 10_000) {
			throw new IllegalArgumentException("malipo.notifications.sms.max-per-second must be between 1 and 10000");
		}
		if (reportToken.length() < 16) {
			throw new IllegalArgumentException("malipo.notifications.sms.report-token needs at least 16 characters");
		}
	}

}
