package ke.malipo.payments.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ke.malipo.payments.PaymentId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Which attempts background work takes next: those due for the resolver, leased so no
 * other node takes them (their rows are claimed with {@code skip locked}), and those
 * queued while M-Pesa was unreachable, each given a fresh callback token when sent.
 * Storing an attempt's changes is {@link AttemptRepository}'s.
 */
@Repository
class AttemptClaims {

	private final JdbcClient jdbc;

	AttemptClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Attempts due for the resolver, leased for a minute so no other node takes them:
	 * those waiting past their next check, those paid on a query's word whose receipt is
	 * due to be sought, and those stuck as INITIATED (the push may have left before its
	 * answer could be stored).
	 */
	List<PaymentId> claimDue(Instant now, Instant staleInitiated, Instant leaseUntil, int limit) {
		// Taken and leased in one statement (it was one update per attempt taken).
		return this.jdbc.sql("""
				with due as (
				  select id, next_check_at from payments.attempts
				   where ((state in ('AWAITING_CUSTOMER', 'UNKNOWN') or (state = 'PAID' and receipt is null))
				          and next_check_at <= :now)
				      or (state = 'INITIATED' and not queued and created_at <= :stale)
				   order by next_check_at nulls first
				   limit :limit
				   for update skip locked
				), leased as (
				  update payments.attempts a set next_check_at = :lease from due where a.id = due.id returning a.id
				)
				select due.id from due join leased on leased.id = due.id order by due.next_check_at nulls first
				""")
			.param("now", ts(now))
			.param("stale", ts(staleInitiated))
			.param("limit", limit)
			.param("lease", ts(leaseUntil))
			.query((rs, row) -> new PaymentId(rs.getObject("id", UUID.class)))
			.list();
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

}
