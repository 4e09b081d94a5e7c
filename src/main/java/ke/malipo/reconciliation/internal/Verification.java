package ke.malipo.reconciliation.internal;

import java.util.List;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentSettlements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Asks M-Pesa about a session's payments before they are reconciled: every payment whose
 * outcome is open, or paid without its receipt, is asked about now through payments (an
 * STK query, or its Pull records), which applies what M-Pesa proves.
 */
@Service
public class Verification {

	private static final Logger log = LoggerFactory.getLogger(Verification.class);

	private final JdbcClient jdbc;

	private final PaymentSettlements settlements;

	Verification(JdbcClient jdbc, PaymentSettlements settlements) {
		this.jdbc = jdbc;
		this.settlements = settlements;
	}

	/** How many payments M-Pesa was asked about. */
	public int askMpesa(SessionId session) {
		List<UUID> open = this.jdbc
			.sql("""
					select payment_id from reconciliation.payments where session_id = :session
					   and (state in ('AWAITING_CUSTOMER', 'UNKNOWN', 'NEEDS_REVIEW') or (state = 'PAID' and receipt is null))
					""")
			.param("session", session.value())
			.query((rs, row) -> rs.getObject(1, UUID.class))
			.list();
		int asked = 0;
		for (UUID payment : open) {
			try {
				this.settlements.askMpesaNow(new PaymentId(payment));
				asked++;
			}
			catch (MalipoException ex) {
				// Settled meanwhile: nothing to ask.
				log.debug("Payment {} needed no question: {}", payment, ex.getMessage());
			}
		}
		return asked;
	}

}
