package ke.malipo.reconciliation.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.UserId;
import ke.malipo.reconciliation.RunFinished;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import static ke.malipo.common.database.JdbcTimes.instant;
import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Webhooks for finished runs: the URLs admins register (each with a signing secret shown
 * once), and one delivery per endpoint and run, written when the run is announced and
 * sent by {@link WebhookSender}. A URL must be https (plain http only to this machine,
 * for local tools); redirects are never followed.
 */
@Service
public class Webhooks {

	/** The event type deliveries carry. */
	static final String RUN_FINISHED = "reconciliation.run.finished";

	private static final int MAX_ENDPOINTS = 10;

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	Webhooks(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** A registered endpoint; its secret is only ever shown when it is created. */
	public record Endpoint(UUID id, String url, Instant createdAt, @Nullable Instant disabledAt,
			List<Delivery> recentDeliveries) {
	}

	/** One delivery and how it went. */
	public record Delivery(UUID id, UUID eventId, String status, int attempts, @Nullable Integer lastStatusCode,
			@Nullable String lastError, Instant createdAt, @Nullable Instant deliveredAt, Instant nextAttemptAt) {
	}

	/** A new endpoint with the secret its receiver verifies signatures with. */
	public record Created(UUID id, String url, String secret) {
	}

	public Created register(String url, UserId by) {
		String checked = checkedUrl(url);
		int active = this.jdbc.sql("select count(*) from reconciliation.webhook_endpoints where disabled_at is null")
			.query(Integer.class)
			.single();
		if (active >= MAX_ENDPOINTS) {
			throw new InvalidInputException("url", "At most " + MAX_ENDPOINTS + " webhooks; remove one first.");
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into reconciliation.webhook_endpoints (id, url, secret, created_by, created_at)
				values (:id, :url, :secret, :by, :now)
				""")
			.param("id", id)
			.param("url", checked)
			.param("secret", secret)
			.param("by", by.value())
			.param("now", ts(this.clock.instant()))
			.update();
		return new Created(id, checked, secret);
	}

	/** Stops deliveries to an endpoint; what was delivered stays in the log. */
	public void disable(UUID id) {
		int changed = this.jdbc.sql("""
				update reconciliation.webhook_endpoints set disabled_at = :now where id = :id and disabled_at is null
				""").param("id", id).param("now", ts(this.clock.instant())).update();
		if (changed == 0) {
			throw new NotFoundException("WEBHOOK_NOT_FOUND", "There is no active webhook with that id.");
		}
		this.jdbc
			.sql("""
					update reconciliation.webhook_deliveries set status = 'FAILED' where endpoint_id = :id and status = 'PENDING'
					""")
			.param("id", id)
			.update();
	}

	/** Every endpoint, newest first, with its last deliveries. */
	public List<Endpoint> endpoints() {
		return this.jdbc.sql("""
				select id, url, created_at, disabled_at from reconciliation.webhook_endpoints order by created_at desc
				""")
			.query((rs, row) -> new Endpoint(rs.getObject("id", UUID.class), rs.getString("url"),
					requiredInstant(rs, "created_at"), instant(rs, "disabled_at"),
					deliveries(rs.getObject("id", UUID.class))))
			.list();
	}

	private List<Delivery> deliveries(UUID endpoint) {
		return this.jdbc.sql("""
				select d.*, a.status_code, a.error from reconciliation.webhook_deliveries d
				  left join reconciliation.webhook_attempts a on a.delivery_id = d.id and a.attempt = d.attempts
				 where d.endpoint_id = :endpoint order by d.created_at desc limit 20
				""")
			.param("endpoint", endpoint)
			.query((rs, row) -> new Delivery(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
					rs.getString("status"), rs.getInt("attempts"), (Integer) rs.getObject("status_code"),
					rs.getString("error"), requiredInstant(rs, "created_at"), instant(rs, "delivered_at"),
					requiredInstant(rs, "next_attempt_at")))
			.list();
	}

	/** One delivery per active endpoint; a redelivered event finds them written. */
	@ApplicationModuleListener
	void on(RunFinished run) {
		Instant now = this.clock.instant();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("runId", run.runId());
		data.put("from", run.from().toString());
		data.put("to", run.to().toString());
		data.put("status", run.status());
		data.put("startedBy", run.startedBy().startsWith("user:") ? "admin" : run.startedBy());
		data.put("finishedAt", run.finishedAt().toString());
		data.put("counts", Map.of("matched", run.matched(), "unmatched", run.unmatched(), "discrepancy",
				run.discrepancy(), "pendingVerification", run.pendingVerification()));
		data.put("openProblems", run.openProblems());
		data.put("mpesaPaidIn", run.mpesaPaidIn());
		data.put("tiesOut", run.tiesOut());
		data.put("sourceProblems", run.sourceProblems());
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", run.runId());
		event.put("type", RUN_FINISHED);
		event.put("createdAt", now.toString());
		event.put("data", data);
		String body = this.json.writeValueAsString(event);
		this.jdbc.sql("""
				insert into reconciliation.webhook_deliveries (id, endpoint_id, event_id, event_type, body, status,
				  next_attempt_at, created_at)
				select gen_random_uuid(), e.id, :event, :type, :body, 'PENDING', :now, :now
				  from reconciliation.webhook_endpoints e where e.disabled_at is null
				on conflict (endpoint_id, event_id) do nothing
				""")
			.param("event", run.runId())
			.param("type", RUN_FINISHED)
			.param("body", body)
			.param("now", ts(now))
			.update();
	}

	/** An absolute https URL (http only to this machine), without credentials in it. */
	static String checkedUrl(@Nullable String url) {
		if (url == null || url.isBlank() || url.length() > 500) {
			throw new InvalidInputException("url", "Give the webhook's full URL, up to 500 characters.");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException("url", "That is not a URL.");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		if (host.isEmpty() || uri.getUserInfo() != null || uri.getFragment() != null) {
			throw new InvalidInputException("url", "Give an absolute URL with a host and no user name or fragment.");
		}
		if (!scheme.equals("https") && !(scheme.equals("http") && LOCAL_HOSTS.contains(host))) {
			throw new InvalidInputException("url", "Webhooks go over https (plain http only to localhost).");
		}
		return uri.toString();
	}

}
