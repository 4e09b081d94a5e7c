package ke.malipo.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes the PAID attempt that the database requires behind every M-Pesa-confirmed
 * session, for tests of booking that confirm sessions without going through payments.
 */
public final class PaidAttempts {

	private PaidAttempts() {
	}

	public static void insert(JdbcClient jdbc, UUID attempt, UUID session, UUID client, long amount, String receipt) {
		jdbc.sql(
				"""
						insert into payments.attempts (id, session_id, client_id, psychologist_id, amount, phone, reference, state,
						  callback_token_hash, checkout_request_id, receipt, result_code, created_at, updated_at)
						values (:id, :session, :client,
						  (select psychologist_id from booking.sessions where id = :session), :amount, '254700000010', :reference, 'PAID', :hash, :checkout, :receipt,
						  '0', :now, :now)
						""")
			.param("id", attempt)
			.param("session", session)
			.param("client", client)
			.param("amount", amount)
			.param("reference", attempt.toString().replace("-", "").substring(0, 6).toUpperCase())
			.param("hash", UUID.randomUUID().toString())
			.param("checkout", "ws_CO_test_" + attempt)
			.param("receipt", receipt)
			.param("now", Timestamp.from(Instant.now()))
			.update();
	}

}
