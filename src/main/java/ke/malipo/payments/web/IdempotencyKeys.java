package ke.malipo.payments.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.UserId;
import ke.malipo.payments.internal.PaymentSettings;
import org.jspecify.annotations.Nullable;

import java.util.function.Supplier;

import ke.malipo.common.problem.ProblemStatusResolver;
import ke.malipo.common.problem.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} for payment requests: the same key with the same request gets
 * the same answer; the same key with another request is refused (422); a request still
 * being served under the key is a 409. Keys are kept for
 * {@code malipo.payments.idempotency-keys-kept-for} (7 days unless set), then purged.
 */
@Component
public class IdempotencyKeys {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JsonMapper json;

	private final PaymentSettings settings;

	private final ProblemStatusResolver statuses;

	IdempotencyKeys(JdbcClient jdbc, Clock clock, JsonMapper json, PaymentSettings settings,
			ProblemStatusResolver statuses) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.json = json;
		this.settings = settings;
		this.statuses = statuses;
	}

	/**
	 * Forgets keys older than the configured time. Every node may run it; deleting twice
	 * is harmless.
	 * @return how many keys were forgotten
	 */
	@Scheduled(fixedDelayString = "${malipo.payments.idempotency-purge-interval:1h}", initialDelayString = "1m")
	public int purgeExpired() {
		Instant cutoff = this.clock.instant().minus(this.settings.idempotencyKeysKeptFor());
		return this.jdbc.sql("delete from payments.idempotency_keys where created_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	/**
	 * Runs a request under a key: the first time it runs and its answer (success or
	 * problem) is kept; a repeat gets the kept answer without running anything.
	 */
	public ResponseEntity<Object> run(UserId client, String key, String request, Supplier<Object> work) {
		Optional<Answer> stored = claim(client, key, request);
		if (stored.isPresent()) {
			Answer previous = stored.get();
			MediaType type = (previous.statusCode() >= 400) ? MediaType.APPLICATION_PROBLEM_JSON
					: MediaType.APPLICATION_JSON;
			return ResponseEntity.status(previous.statusCode())
				.contentType(type)
				.header("Idempotent-Replayed", "true")
				.body(this.json.readTree(previous.body()));
		}
		try {
			Object body = work.get();
			complete(client, key, HttpStatus.ACCEPTED.value(), this.json.writeValueAsString(body));
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
		}
		catch (MalipoException ex) {
			HttpStatus status = this.statuses.statusOf(ex);
			complete(client, key, status.value(), this.json.writeValueAsString(Problems.of(status, ex)));
			throw ex;
		}
		catch (RuntimeException ex) {
			release(client, key);
			throw ex;
		}
	}

	/**
	 * Claims the key for this request, or returns the answer already given for it.
	 * @throws IdempotencyKeyReused for another request under the same key
	 * @throws RequestInProgress while the first request still runs
	 */
	private Optional<Answer> claim(UserId client, String key, String request) {
		if (key.isBlank() || key.length() > 255) {
			throw new InvalidIdempotencyKey();
		}
		String hash = sha256(request);
		try {
			this.jdbc
				.sql("insert into payments.idempotency_keys (client_id, key, request_hash, created_at) "
						+ "values (:client, :key, :hash, :now)")
				.param("client", client.value())
				.param("key", key)
				.param("hash", hash)
				.param("now", Timestamp.from(this.clock.instant()))
				.update();
			return Optional.empty();
		}
		catch (DuplicateKeyException ex) {
			Stored stored = this.jdbc
				.sql("select request_hash, status_code, response_body from payments.idempotency_keys "
						+ "where client_id = :client and key = :key")
				.param("client", client.value())
				.param("key", key)
				.query((rs, row) -> new Stored(rs.getString("request_hash"), (Integer) rs.getObject("status_code"),
						rs.getString("response_body")))
				.single();
			if (!stored.requestHash().equals(hash)) {
				throw new IdempotencyKeyReused();
			}
			Integer status = stored.statusCode();
			if (status == null) {
				throw new RequestInProgress();
			}
			// complete() writes the status and the body together.
			return Optional.of(new Answer(status, String.valueOf(stored.responseBody())));
		}
	}

	void complete(UserId client, String key, int status, String body) {
		this.jdbc
			.sql("update payments.idempotency_keys set status_code = :status, response_body = :body "
					+ "where client_id = :client and key = :key")
			.param("client", client.value())
			.param("key", key)
			.param("status", status)
			.param("body", body)
			.update();
	}

	/** Releases a key whose request failed unexpectedly, so the client may retry it. */
	void release(UserId client, String key) {
		this.jdbc
			.sql("delete from payments.idempotency_keys where client_id = :client and key = :key "
					+ "and status_code is null")
			.param("client", client.value())
			.param("key", key)
			.update();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Stored(String requestHash, @Nullable Integer statusCode, @Nullable String responseBody) {
	}

	/** The answer given the first time, to give again. */
	record Answer(int statusCode, String body) {
	}

	/** An Idempotency-Key that is empty or too long. */
	static final class InvalidIdempotencyKey extends MalipoException {

		InvalidIdempotencyKey() {
			super("INVALID_IDEMPOTENCY_KEY", "Invalid Idempotency-Key", "An Idempotency-Key has 1 to 255 characters.");
		}

	}

	/** An Idempotency-Key used before for another request. */
	static final class IdempotencyKeyReused extends MalipoException {

		IdempotencyKeyReused() {
			super("IDEMPOTENCY_KEY_REUSED", "Idempotency-Key reused",
					"This Idempotency-Key was already used for a different request.");
		}

	}

	/** The same request, under the same key, is still being handled. */
	static final class RequestInProgress extends MalipoException {

		RequestInProgress() {
			super("REQUEST_IN_PROGRESS", "Request in progress",
					"The same request is still being handled. Try again in a moment.");
		}

	}

}
