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
 */
@ConfigurationProperties("malipo.notifications.sms")
public record SmsSettings(@DefaultValue("") String baseUrl, @DefaultValue("sandbox") String username,
		@DefaultValue("simulator-at-key") String apiKey, @Nullable String from, @DefaultValue("10s") Duration timeout) {
}
