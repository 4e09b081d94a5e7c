package ke.malipo.payments.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.daraja.PersonalData;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every callback body exactly as it arrived, stored before anything is applied: M-Pesa
 * never sends a callback twice on purpose, so a stored body is the only copy. A body
 * whose application failed stays RECEIVED and is retried with backoff until done.
 */
@Repository
class CallbackInbox {

	private final JdbcClient jdbc;

	CallbackInbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	UUID store(@Nullable PaymentId attempt, String body, @Nullable String source, String status, @Nullable String error,
			Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into payments.callback_inbox (id, attempt_id, received_at, source, body, status, tries, next_try_at,
					  processed_at, error)
					values (:id, :attempt, :now, :source, :body, :status, 0, :next, :processed, :error)
					""")
			.param("id", id)
			.param("attempt", (attempt != null) ? attempt.value() : null)
			.param("now", Timestamp.from(now))
			.param("source", source)
			// Only a callback still to be applied needs the payer's number and name.
			.param("body", "RECEIVED".equals(status) ? body : PersonalData.redact(body))
			.param("status", status)
			.param("next", "RECEIVED".equals(status) ? Timestamp.from(now) : null)
			.param("processed", "RECEIVED".equals(status) ? null : Timestamp.from(now))
			.param("error", error)
			.update();
		return id;
	}

	/** The stored callback, locked, if it still waits to be applied. */
	Optional<Pending> lockPending(UUID id) {
		return this.jdbc.sql(
				"select id, attempt_id, source, body, tries from payments.callback_inbox where id = :id and status = 'RECEIVED' "
						+ "for update skip locked")
			.param("id", id)
			.query((rs, row) -> pending(rs))
			.optional();
	}

	/**
	 * Marks a stored callback done, keeping it as evidence without the payer's full
	 * number and name: they were needed only to apply it (see {@link PersonalData}).
	 */
	void finish(Pending pending, String status, Instant now) {
		this.jdbc
			.sql("update payments.callback_inbox set status = :status, processed_at = :now, next_try_at = null, "
					+ "body = :body where id = :id")
			.param("id", pending.id())
			.param("body", PersonalData.redact(pending.body()))
			.param("status", status)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Records a failed application and when to try again: 5 s, doubling, at most 10
	 * minutes.
	 */
	void retryLater(UUID id, String error, Instant now) {
		// One statement: the wait is counted from the tries before this one (SET reads
		// the row as it was).
		this.jdbc.sql("""
				update payments.callback_inbox
				   set tries = tries + 1, error = :error,
				       next_try_at = cast(:now as timestamptz)
				         + least(interval '5 seconds' * power(2, least(tries, 7)), interval '10 minutes')
				 where id = :id""")
			.param("id", id)
			.param("error", (error.length() > 500) ? error.substring(0, 500) : error)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The stored callbacks of an attempt still waiting to be applied. */
	List<UUID> waitingFor(PaymentId attempt) {
		return this.jdbc.sql("""
				select id from payments.callback_inbox where attempt_id = :attempt and status = 'RECEIVED'
				 order by received_at""")
			.param("attempt", attempt.value())
			.query((rs, row) -> rs.getObject("id", UUID.class))
			.list();
	}

	/**
	 * Up to {@code limit} stored callbacks due to be applied, the longest waiting first,
	 * locked (skipping those another transaction holds). They come ordered by attempt and
	 * then arrival, so two batches lock their attempts in the same order and never wait
	 * on each other in a circle, and an attempt's callbacks apply in the order they came.
	 */
	List<Pending> lockDue(Instant now, int limit) {
		return this.jdbc.sql("""
				select * from (select id, attempt_id, source, body, tries, received_at from payments.callback_inbox
				  where status = 'RECEIVED' and next_try_at <= :now order by next_try_at limit :limit
				  for update skip locked) due
				 order by attempt_id, received_at""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, row) -> pending(rs))
			.list();
	}

	private static Pending pending(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Pending(rs.getObject("id", UUID.class), new PaymentId(rs.getObject("attempt_id", UUID.class)),
				rs.getString("source"), rs.getString("body"), rs.getInt("tries"));
	}

	/**
	 * A stored callback waiting to be applied.
	 *
	 * @param source the address it came from, when known
	 */
	record Pending(UUID id, PaymentId attempt, @Nullable String source, String body, int tries) {
	}

}
