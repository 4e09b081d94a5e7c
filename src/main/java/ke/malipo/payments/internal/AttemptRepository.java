package ke.malipo.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.ConcurrentUpdateException;
import ke.malipo.identity.UserId;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.MerchantRequestId;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentStep;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.instant;
import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Payment attempts and their timeline in the {@code payments} schema. Storing a change
 * publishes its event in the same transaction (the event publication registry keeps it
 * with the change) and writes it to the change feed. Updates name the version they read;
 * claims for background work skip rows another node holds.
 */
@Repository
class AttemptRepository {

	private static final String COLUMNS = """
			id, session_id, client_id, psychologist_id, amount, phone, reference, state, checkout_request_id, merchant_request_id, receipt,
			result_code, result_desc, reason, next_check_at, checks_done, last_queried_at, queued, queued_until, created_at,
			updated_at, version""";

	private static final Logger log = LoggerFactory.getLogger(AttemptRepository.class);

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final PaymentFeed feed;

	AttemptRepository(JdbcClient jdbc, ApplicationEventPublisher events, PaymentFeed feed) {
		this.jdbc = jdbc;
		this.events = events;
		this.feed = feed;
	}

	/**
	 * Stores a new attempt with the hash of its callback token.
	 * @return false, storing nothing, when another attempt already has its reference
	 * @throws org.springframework.dao.DuplicateKeyException when the session already has
	 * a live attempt
	 */
	boolean insert(PaymentAttempt attempt, String callbackTokenHash) {
		AttemptChanges.Drained changes = attempt.drainChanges();
		int inserted = this.jdbc
			.sql("""
					insert into payments.attempts (id, session_id, client_id, psychologist_id, amount, phone, reference, state,
					  callback_token_hash, created_at, updated_at, version)
					values (:id, :session, :client, :psychologist, :amount, :phone, :reference, :state, :token, :createdAt, :updatedAt, 0)
					on conflict (reference) do nothing
					""")
			.param("id", attempt.id().value())
			.param("session", attempt.sessionId().value())
			.param("client", attempt.clientId().value())
			.param("psychologist", attempt.psychologistId().value())
			.param("amount", attempt.amount().shillings())
			.param("phone", attempt.phone().value())
			.param("reference", attempt.reference())
			.param("state", attempt.state().name())
			.param("token", callbackTokenHash)
			.param("createdAt", ts(attempt.createdAt()))
			.param("updatedAt", ts(attempt.updatedAt()))
			.update();
		if (inserted == 1) {
			written(attempt, changes);
		}
		return inserted == 1;
	}

	/**
	 * Writes the attempt's changes and its new timeline steps, and publishes the event
	 * they make, all in the caller's transaction.
	 */
	void update(PaymentAttempt attempt) {
		AttemptChanges.Drained changes = attempt.drainChanges();
		int updated = this.jdbc
			.sql("""
					update payments.attempts set state = :state, checkout_request_id = :checkout, merchant_request_id = :merchant,
					  receipt = :receipt, result_code = :code, result_desc = :desc, reason = :reason, next_check_at = :next,
					  checks_done = :checks, last_queried_at = :queried, queued = :queued, queued_until = :queuedUntil,
					 updated_at = :updatedAt, version = version + 1
					where id = :id and version = :version
					""")
			.param("id", attempt.id().value())
			.param("version", attempt.version())
			.param("state", attempt.state().name())
			.param("checkout", text(attempt.checkoutRequestId()))
			.param("merchant", text(attempt.merchantRequestId()))
			.param("receipt", text(attempt.receipt()))
			.param("code", attempt.verdict().resultCode())
			.param("desc", attempt.verdict().resultDescription())
			.param("reason", attempt.verdict().reason())
			.param("next", ts(attempt.schedule().nextCheckAt()))
			.param("checks", attempt.schedule().checksDone())
			.param("queried", ts(attempt.schedule().lastQueriedAt()))
			.param("queued", attempt.queue().queued())
			.param("queuedUntil", ts(attempt.queue().until()))
			.param("updatedAt", ts(attempt.updatedAt()))
			.update();
		if (updated != 1) {
			throw new ConcurrentUpdateException("This payment");
		}
		written(attempt, changes);
	}

	private void written(PaymentAttempt attempt, AttemptChanges.Drained changes) {
		for (PaymentStep step : changes.steps()) {
			this.jdbc
				.sql("insert into payments.attempt_history (attempt_id, at, kind, detail) values (:a, :at, :k, :d)")
				.param("a", attempt.id().value())
				.param("at", ts(step.at()))
				.param("k", step.kind().name())
				.param("d", step.detail())
				.update();
		}
		changes.event().ifPresent((event) -> {
			log.info("Payment {} of session {}: {}", event.paymentId(), event.sessionId(),
					event.getClass().getSimpleName());
			// Published for the modules that act on it (each a durable publication), and
			// written to the feed for those that only keep a copy (DECISIONS.md 24).
			this.events.publishEvent(event);
			this.feed.append(event);
		});
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	Optional<PaymentAttempt> findById(PaymentId id) {
		return one("select " + COLUMNS + " from payments.attempts where id = :id", id.value());
	}

	/**
	 * Locks the attempt for this transaction: callbacks and queries settle it one at a
	 * time.
	 */
	Optional<PaymentAttempt> lock(PaymentId id) {
		return one("select " + COLUMNS + " from payments.attempts where id = :id for update", id.value());
	}

	Optional<PaymentAttempt> findByTokenHash(String hash) {
		return this.jdbc.sql("select " + COLUMNS + " from payments.attempts where callback_token_hash = :hash")
			.param("hash", hash)
			.query(AttemptRepository::map)
			.optional();
	}

	Optional<PaymentAttempt> findLive(SessionId session) {
		return this.jdbc
			.sql("select " + COLUMNS + " from payments.attempts where session_id = :session "
					+ "and (state in ('INITIATED', 'AWAITING_CUSTOMER', 'UNKNOWN') "
					+ "or (state = 'NEEDS_REVIEW' and receipt is null))")
			.param("session", session.value())
			.query(AttemptRepository::map)
			.optional();
	}

	Optional<PaymentAttempt> latest(SessionId session) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from payments.attempts where session_id = :session order by created_at desc, id limit 1")
			.param("session", session.value())
			.query(AttemptRepository::map)
			.optional();
	}

	/** The attempt that already carries this M-Pesa receipt, if any. */
	Optional<PaymentId> receiptHolder(MpesaReceipt receipt) {
		return this.jdbc.sql("select id from payments.attempts where receipt = :receipt")
			.param("receipt", receipt.value())
			.query((rs, row) -> new PaymentId(rs.getObject("id", UUID.class)))
			.optional();
	}

	/** The attempt's timeline as payments wrote it, oldest first. */
	List<PaymentStep> history(PaymentId id) {
		return this.jdbc.sql("select at, kind, detail from payments.attempt_history where attempt_id = :id order by id")
			.param("id", id.value())
			.query((rs, row) -> new PaymentStep(rs.getTimestamp("at").toInstant(),
					HistoryKind.valueOf(rs.getString("kind")), rs.getString("detail")))
			.list();
	}

	/**
	 * Attempts due for the resolver, leased for a minute so no other node takes them:
	 * those waiting past their next check, those paid on a query's word whose receipt is
	 * due to be sought, and those stuck as INITIATED (the push may have left before its
	 * answer could be stored).
	 */
	List<PaymentId> claimDue(Instant now, Instant staleInitiated, Instant leaseUntil, int limit) {
		List<PaymentId> ids = this.jdbc.sql("""
				select id from payments.attempts
				 where ((state in ('AWAITING_CUSTOMER', 'UNKNOWN') or (state = 'PAID' and receipt is null))
				        and next_check_at <= :now)
				    or (state = 'INITIATED' and not queued and created_at <= :stale)
				 order by next_check_at nulls first
				 limit :limit
				 for update skip locked
				""")
			.param("now", ts(now))
			.param("stale", ts(staleInitiated))
			.param("limit", limit)
			.query((rs, row) -> new PaymentId(rs.getObject("id", UUID.class)))
			.list();
		for (PaymentId id : ids) {
			this.jdbc.sql("update payments.attempts set next_check_at = :lease where id = :id")
				.param("lease", ts(leaseUntil))
				.param("id", id.value())
				.update();
		}
		return ids;
	}

	int queuedCount() {
		return this.jdbc.sql("select count(*) from payments.attempts where queued").query(Integer.class).single();
	}

	/** Queued attempts whose turn has come or whose time ran out. */
	List<PaymentId> queued(int limit) {
		return this.jdbc.sql("select id from payments.attempts where queued order by created_at limit :limit")
			.param("limit", limit)
			.query((rs, row) -> new PaymentId(rs.getObject("id", UUID.class)))
			.list();
	}

	/**
	 * Gives a queued attempt a fresh callback token as it is sent (only the new hash is
	 * kept).
	 */
	void replaceTokenHash(PaymentId id, String hash) {
		this.jdbc.sql("update payments.attempts set callback_token_hash = :hash where id = :id")
			.param("id", id.value())
			.param("hash", hash)
			.update();
	}

	private Optional<PaymentAttempt> one(String sql, UUID id) {
		return this.jdbc.sql(sql).param("id", id).query(AttemptRepository::map).optional();
	}

	private static PaymentAttempt map(ResultSet rs, int row) throws SQLException {
		AttemptTerms terms = new AttemptTerms(new PaymentId(rs.getObject("id", UUID.class)),
				new SessionId(rs.getObject("session_id", UUID.class)),
				new UserId(rs.getObject("client_id", UUID.class)),
				new UserId(rs.getObject("psychologist_id", UUID.class)), Kes.of(rs.getLong("amount")),
				Msisdn.parse(rs.getString("phone")), rs.getString("reference"), requiredInstant(rs, "created_at"));
		String merchant = rs.getString("merchant_request_id");
		String checkout = rs.getString("checkout_request_id");
		String receipt = rs.getString("receipt");
		return new PaymentAttempt(terms, AttemptState.valueOf(rs.getString("state")),
				(merchant != null) ? new MerchantRequestId(merchant) : null,
				(checkout != null) ? new CheckoutRequestId(checkout) : null,
				(receipt != null) ? new MpesaReceipt(receipt) : null,
				new Verdict(rs.getString("result_code"), rs.getString("result_desc"), rs.getString("reason")),
				new CheckSchedule(instant(rs, "next_check_at"), rs.getInt("checks_done"),
						instant(rs, "last_queried_at")),
				new Queueing(rs.getBoolean("queued"), instant(rs, "queued_until")), requiredInstant(rs, "updated_at"),
				rs.getInt("version"));
	}

}
