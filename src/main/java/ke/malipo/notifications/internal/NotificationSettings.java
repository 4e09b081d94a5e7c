package ke.malipo.notifications.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Malipo tells people things.
 *
 * @param siteUrl the address people open links in emails at
 * @param mailFrom who emails come from
 * @param sendInterval how often waiting emails are sent
 * @param maxTries how many times an email is tried before it is marked failed
 * @param firstRetryAfter the wait before the second try; each next wait doubles
 * @param stuckAfter how long a message may stay SENDING before it is taken for one whose
 * node died mid-send, and listed for an admin to decide on
 * @param mailPerSecond the most emails sent in a second: what is due is sent in rounds
 * until none is left, at most this fast (the SMTP provider's own sending limit), so a
 * burst of payments' receipts is not spread over minutes
 * @param mailConnections how many emails are sent at once, each over its own connection
 * to the SMTP server
 */
@ConfigurationProperties("malipo.notifications")
public record NotificationSettings(@DefaultValue("http://localhost:8080") String siteUrl,
		@DefaultValue("Malipo <no-reply@malipo.local>") String mailFrom, @DefaultValue("1s") Duration sendInterval,
		@DefaultValue("5") int maxTries, @DefaultValue("30s") Duration firstRetryAfter,
		@DefaultValue("10m") Duration stuckAfter, @DefaultValue("50") int mailPerSecond,
		@DefaultValue("4") int mailConnections) {

	/**
	 * When to try a message again after its {@code tried}-th try failed for a passing
	 * reason: the wait doubles each time; null after the last try.
	 */
	public java.time.@org.jspecify.annotations.Nullable Instant nextTry(int tried, java.time.Instant now) {
		return (tried >= this.maxTries) ? null : now.plus(this.firstRetryAfter.multipliedBy(1L << (tried - 1)));
	}

	public NotificationSettings {
		if (!siteUrl.startsWith("http://") && !siteUrl.startsWith("https://")) {
			throw new IllegalArgumentException("malipo.notifications.site-url must start with http:// or https://");
		}
		if (maxTries < 1 || maxTries > 20) {
			throw new IllegalArgumentException("malipo.notifications.max-tries must be between 1 and 20");
		}
		if (mailPerSecond < 1 || mailPerSecond > 10_000) {
			throw new IllegalArgumentException("malipo.notifications.mail-per-second must be between 1 and 10000");
		}
		if (mailConnections < 1 || mailConnections > 64) {
			throw new IllegalArgumentException("malipo.notifications.mail-connections must be between 1 and 64");
		}
		if (stuckAfter.compareTo(Duration.ofMinutes(1)) < 0) {
			// Sending one message takes seconds; a shorter wait would list messages still
			// on their way.
			throw new IllegalArgumentException("malipo.notifications.stuck-after must be at least 1m");
		}
		siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
	}

}
