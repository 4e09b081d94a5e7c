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
 * STK query, or its Pull records), which applies what M-Pesa proves; and every paid one
 * whose receipt no M-Pesa record shows yet is asked about with Transaction Status.
 */
@Service
public class Verification {

	private static final Logger log = LoggerFactory.getLogger(Verification.class);

	private final JdbcClient jdbc;

	private final PaymentSettlements settlements;

	private final StatusQueries statusQueries;

	Verification(JdbcClient jdbc, PaymentSettlements settlements, StatusQueries statusQueries) {
		this.jdbc = jdbc;
		this.settlements = settlements;
		this.statusQueries = statusQueries;
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
		return asked + askAboutReceipts(session);
	}

	/**
	 * Paid payments of the session whose receipt no M-Pesa record shows yet: Transaction
	 * Status is asked, and its answer (posted later) reconciles the session again.
	 */
	private int askAboutReceipts(SessionId session) {
		List<StatusQueries.Question> questions = this.jdbc.sql("""
				select p.receipt, p.payment_id, p.session_id from reconciliation.payments p
				 where p.session_id = :session and p.state = 'PAID' and p.receipt is not null
				   and not exists (select 1 from reconciliation.records r where r.receipt = p.receipt)
				""")
			.param("session", session.value())
			.query((rs, row) -> new StatusQueries.Question(rs.getString(1), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class)))
			.list();
		return this.statusQueries.ask(questions, "verify");
	}

}
