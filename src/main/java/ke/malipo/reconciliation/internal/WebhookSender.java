package ke.malipo.reconciliation.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Sends due webhook deliveries. A batch is claimed by pushing its next attempt a minute
 * ahead (another node takes a delivery whose sender died after that minute), each is
 * POSTed signed, with its event id, and every attempt is logged. Answers other than 2xx,
 * timeouts and refused connections are tried again after 30 s, 1 min, 2 min and so on up
 * to an hour apart, {@value #MAX_ATTEMPTS} times in all (about a day); then the delivery
 * is FAILED. Delivery is at least once: receivers drop an event id seen before.
 */
@Component
public class WebhookSender {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	static final int MAX_ATTEMPTS = 30;

	private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

	private static final Duration LONGEST_WAIT = Duration.ofHours(1);

	private static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

	private static final int BATCH = 20;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	WebhookSender(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private record Due(UUID id, UUID eventId, String url, String secret, String body, int attempt) {
	}

	@Scheduled(fixedDelayString = "${malipo.reconciliation.webhook-interval:10s}")
	void onSchedule() {
		deliverDue();
	}

	/** Sends what is due now; how many deliveries were attempted. */
	public int deliverDue() {
		Instant now = this.clock.instant();
		List<Due> due = this.jdbc.sql("""
				update reconciliation.webhook_deliveries d set next_attempt_at = :lease
				  from reconciliation.webhook_endpoints e
				 where e.id = d.endpoint_id and d.id in (
				   select id from reconciliation.webhook_deliveries where status = 'PENDING' and next_attempt_at <= :now
				    order by next_attempt_at limit :batch for update skip locked)
				returning d.id, d.event_id, e.url, e.secret, d.body, d.attempts + 1 as attempt
				""")
			.param("lease", ts(now.plus(CLAIM_LEASE)))
			.param("now", ts(now))
			.param("batch", BATCH)
			.query((rs, row) -> new Due(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
					rs.getString("url"), rs.getString("secret"), rs.getString("body"), rs.getInt("attempt")))
			.list();
		due.forEach(this::send);
		return due.size();
	}

	private void send(Due delivery) {
		Instant at = this.clock.instant();
		long began = System.nanoTime();
		Integer code = null;
		String error = null;
		try {
			HttpResponse<Void> answer = this.http.send(HttpRequest.newBuilder(URI.create(delivery.url()))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("User-Agent", "Malipo-Webhooks/1")
				.header("Malipo-Event-Id", delivery.eventId().toString())
				.header("Malipo-Delivery-Attempt", String.valueOf(delivery.attempt()))
				.header(WebhookSignature.HEADER, WebhookSignature.sign(delivery.secret(), at, delivery.body()))
				.POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.discarding());
			code = answer.statusCode();
		}
		catch (IOException | IllegalArgumentException ex) {
			error = ex.getClass().getSimpleName() + ": " + String.valueOf(ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		record(delivery, at, code, error, (System.nanoTime() - began) / 1_000_000);
	}

	private void record(Due delivery, Instant at, @Nullable Integer code, @Nullable String error, long millis) {
		boolean delivered = code != null && code >= 200 && code < 300;
		String why = (error != null) ? error : (!delivered ? "HTTP " + code : null);
		this.jdbc
			.sql("""
					insert into reconciliation.webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, millis)
					values (:id, :attempt, :at, :code, :error, :millis)
					on conflict do nothing
					""")
			.param("id", delivery.id())
			.param("attempt", delivery.attempt())
			.param("at", ts(at))
			.param("code", code)
			.param("error", (why != null && why.length() > 500) ? why.substring(0, 500) : why)
			.param("millis", millis)
			.update();
		String status = delivered ? "DELIVERED" : (delivery.attempt() >= MAX_ATTEMPTS) ? "FAILED" : "PENDING";
		this.jdbc.sql("""
				update reconciliation.webhook_deliveries
				   set status = :status, attempts = :attempt, next_attempt_at = :next,
				       delivered_at = :deliveredAt
				 where id = :id and status = 'PENDING'
				""")
			.param("id", delivery.id())
			.param("status", status)
			.param("attempt", delivery.attempt())
			.param("next", ts(at.plus(backoff(delivery.attempt()))))
			.param("deliveredAt", delivered ? ts(at) : null)
			.update();
		if (!delivered) {
			log.warn("Webhook delivery {} (attempt {}) to {} failed: {}{}", delivery.id(), delivery.attempt(),
					delivery.url(), why, "FAILED".equals(status) ? "; giving up" : "");
		}
	}

	/** 30 s after the first attempt, doubling each time, at most an hour apart. */
	static Duration backoff(int attempts) {
		Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
		return (wait.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : wait;
	}

}
