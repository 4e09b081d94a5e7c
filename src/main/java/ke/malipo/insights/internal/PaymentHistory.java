package ke.malipo.insights.internal;

import java.util.List;

import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentFeedReader;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Keeps insights' history of payments from payments' change feed, in batches each with
 * its place in the feed, and scores the payment for fraud signals in the same transaction
 * when it starts or goes to review. Idempotent and order-tolerant: a row changes only for
 * a higher version, so an event delivered again or late leaves it right (and scoring
 * again gives the same answer). The time an attempt settled is the snapshot's own time of
 * change, never the moment this listener ran.
 */
@Component
class PaymentHistory implements PaymentFeedReader {

	private final JdbcClient jdbc;

	private final FraudSignals signals;

	PaymentHistory(JdbcClient jdbc, FraudSignals signals) {
		this.jdbc = jdbc;
		this.signals = signals;
	}

	/** Insights' name in payments' change feed. */
	@Override
	public String name() {
		return "insights";
	}

	@Override
	public void apply(List<PaymentEvent> events) {
		events.forEach(this::on);
	}

	void on(PaymentEvent event) {
		PaymentFacts payment = event.payment();
		this.jdbc.sql("""
				insert into insights.payments (payment_id, session_id, client_id, psychologist_id, amount, phone,
				  state, result_code, outcome, created_at, settled_at, version)
				values (:id, :session, :client, :psychologist, :amount, :phone, :state, :code, :outcome, :createdAt,
				  :settledAt, :version)
				on conflict (payment_id) do update set state = excluded.state, result_code = excluded.result_code,
				  outcome = excluded.outcome, settled_at = excluded.settled_at, version = excluded.version
				where insights.payments.version < excluded.version
				""")
			.param("id", payment.id().value())
			.param("session", payment.sessionId().value())
			.param("client", payment.clientId().value())
			.param("psychologist", payment.psychologistId().value())
			.param("amount", payment.amount().shillings())
			.param("phone", payment.phone().value())
			.param("state", payment.state().name())
			.param("code", payment.resultCode())
			.param("outcome", payment.outcome())
			.param("createdAt", ts(payment.createdAt()))
			.param("settledAt", settled(payment.state()) ? ts(payment.updatedAt()) : null)
			.param("version", payment.version())
			.update();
		// What the signals look at is fixed when the payment starts (they look back from
		// its
		// start), except a review's reason; other changes need no second look.
		if (event instanceof PaymentEvent.PaymentStarted || payment.state() == AttemptState.NEEDS_REVIEW) {
			this.signals.score(payment.id().value(), event.occurredAt());
		}
	}

	/**
	 * Whether the attempt has stopped moving by itself (paid, failed, or left to people).
	 */
	static boolean settled(AttemptState state) {
		return state != AttemptState.INITIATED && state != AttemptState.AWAITING_CUSTOMER;
	}

}
