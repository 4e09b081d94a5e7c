package ke.malipo.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import ke.malipo.payments.PaymentEvent;
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
 * with the change) and writes it to the change feed. Updates name the version they read.
 * Which attempts background work takes next is {@link AttemptClaims}.
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
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("id", attempt.id().value());
		params.put("session", attempt.sessionId().value());
		params.put("client", attempt.clientId().value());
		params.put("psychologist", attempt.psychologistId().value());
		params.put("amount", attempt.amount().shillings());
		params.put("phone", attempt.phone().value());
		params.put("reference", attempt.reference());
		params.put("state", attempt.state().name());
		params.put("token", callbackTokenHash);
		params.put("createdAt", ts(attempt.createdAt()));
		params.put("updatedAt", ts(attempt.updatedAt()));
		return write(attempt,
				"""
						insert into payments.attempts (id, session_id, client_id, psychologist_id, amount, phone, reference, state,
						  callback_token_hash, created_at, updated_at, version)
						values (:id, :session, :client, :psychologist, :amount, :phone, :reference, :state, :token, :createdAt, :updatedAt, 0)
						on conflict (reference) do nothing""",
				params);
	}

	/**
	 * Writes the attempt's changes and its new timeline steps, and publishes the event
	 * they make, all in the caller's transaction.
	 */
	void update(PaymentAttempt attempt) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("id", attempt.id().value());
		params.put("version", attempt.version());
		params.put("state", attempt.state().name());
		params.put("checkout", text(attempt.checkoutRequestId()));
		params.put("merchant", text(attempt.merchantRequestId()));
		params.put("receipt", text(attempt.receipt()));
		params.put("code", attempt.verdict().resultCode());
		params.put("desc", attempt.verdict().resultDescription());
		params.put("reason", attempt.verdict().reason());
		params.put("next", ts(attempt.schedule().nextCheckAt()));
		params.put("checks", attempt.schedule().checksDone());
		params.put("queried", ts(attempt.schedule().lastQueriedAt()));
		params.put("queued", attempt.queue().queued());
		params.put("queuedUntil", ts(attempt.queue().until()));
		params.put("updatedAt", ts(attempt.updatedAt()));
		boolean updated = write(attempt,
				"""
						update payments.attempts set state = :state, checkout_request_id = :checkout, merchant_request_id = :merchant,
						  receipt = :receipt, result_code = :code, result_desc = :desc, reason = :reason, next_check_at = :next,
						  checks_done = :checks, last_queried_at = :queried, queued = :queued, queued_until = :queuedUntil,
						 updated_at = :updatedAt, version = version + 1
						where id = :id and version = :version""",
				params);
		if (!updated) {
			throw new ConcurrentUpdateException("This payment");
		}
	}

	/**
	 * Writes the attempt's row, its new timeline steps and its event's feed row in one
	 * statement, one round trip to PostgreSQL instead of one per row (BENCHMARKS.md, "A
	 * change in one statement"); steps and feed row follow only a row that was written.
	 * Then publishes the event for the modules that act on it (each a durable
	 * publication, DECISIONS.md 24).
	 * @param change an insert or update of {@code payments.attempts}, without
	 * {@code returning}
	 * @return whether the row was written
	 */
	private boolean write(PaymentAttempt attempt, String change, Map<String, @Nullable Object> params) {
		AttemptChanges.Drained changes = attempt.drainChanges();
		StringBuilder sql = new StringBuilder("with changed as (").append(change).append(" returning id)");
		List<PaymentStep> steps = changes.steps();
		if (!steps.isEmpty()) {
			// In the order they happened: their ids number them.
			sql.append("""
					, steps as (insert into payments.attempt_history (attempt_id, at, kind, detail)
					  select changed.id, step.at, step.kind, step.detail
					    from changed, unnest(cast(:stepAts as timestamptz[]), cast(:stepKinds as text[]),
					      cast(:stepDetails as text[])) with ordinality as step (at, kind, detail, n)
					   order by step.n)""");
			params.put("stepAts", steps.stream().map((step) -> step.at().toString()).toArray(String[]::new));
			params.put("stepKinds", steps.stream().map((step) -> step.kind().name()).toArray(String[]::new));
			params.put("stepDetails", steps.stream().map(PaymentStep::detail).toArray(String[]::new));
		}
		Optional<PaymentEvent> event = changes.event();
		event.map(this.feed::entry).ifPresent((entry) -> {
			// The feed's row (PaymentFeed), for the modules that only keep a copy.
			sql.append(", fed as (insert into payments.feed (event_type, payload) "
					+ "select :feedType, :feedPayload from changed)");
			params.put("feedType", entry.type());
			params.put("feedPayload", entry.payload());
		});
		sql.append(" select count(*) from changed");
		boolean written = this.jdbc.sql(sql.toString()).params(params).query(Integer.class).single() == 1;
		if (written) {
			event.ifPresent((published) -> {
				log.info("Payment {} of session {}: {}", published.paymentId(), published.sessionId(),
						published.getClass().getSimpleName());
				this.events.publishEvent(published);
				this.feed.wakeReadersAfterCommit();
			});
		}
		return written;
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
