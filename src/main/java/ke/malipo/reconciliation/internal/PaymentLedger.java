package ke.malipo.reconciliation.internal;

import java.util.List;

import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentFeedReader;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Our side of reconciliation: every payment as its latest event told it, in the
 * {@code reconciliation} schema, kept from payments' change feed in batches, each with
 * its place in the feed. Idempotent and order-tolerant like every projection: a row
 * changes only for a higher version, and the moment the money was proven is kept from the
 * confirmation whenever it arrives.
 */
@Component
class PaymentLedger implements PaymentFeedReader {

	private final JdbcClient jdbc;

	private final LiveChecks checks;

	PaymentLedger(JdbcClient jdbc, LiveChecks checks) {
		this.jdbc = jdbc;
		this.checks = checks;
	}

	/** Reconciliation's name in payments' change feed. */
	@Override
	public String name() {
		return "reconciliation";
	}

	@Override
	public void apply(List<PaymentEvent> events) {
		for (PaymentEvent event : events) {
			// Only the changes reconciliation compares: a prompt sent or a note changes
			// no amount, receipt or outcome.
			if (!(event instanceof PaymentEvent.PromptSent) && !(event instanceof PaymentEvent.PaymentNoted)) {
				record(event);
			}
		}
	}

	private void record(PaymentEvent event) {
		PaymentFacts payment = event.payment();
		this.jdbc
			.sql("""
					insert into reconciliation.payments (payment_id, session_id, client_id, amount, phone, reference, receipt,
					  state, created_at, updated_at, version)
					values (:id, :session, :client, :amount, :phone, :reference, :receipt, :state, :createdAt, :updatedAt,
					  :version)
					on conflict (payment_id) do update set receipt = excluded.receipt, state = excluded.state,
					  updated_at = excluded.updated_at, version = excluded.version
					where reconciliation.payments.version < excluded.version
					""")
			.param("id", payment.id().value())
			.param("session", payment.sessionId().value())
			.param("client", payment.clientId().value())
			.param("amount", payment.amount().shillings())
			.param("phone", payment.phone().value())
			.param("reference", payment.reference())
			.param("receipt", (payment.receipt() != null) ? payment.receipt().value() : null)
			.param("state", payment.state().name())
			.param("createdAt", ts(payment.createdAt()))
			.param("updatedAt", ts(payment.updatedAt()))
			.param("version", payment.version())
			.update();
		if (event instanceof PaymentEvent.PaymentConfirmed) {
			this.jdbc.sql("update reconciliation.payments set paid_at = :at where payment_id = :id and paid_at is null")
				.param("id", payment.id().value())
				.param("at", ts(event.occurredAt()))
				.update();
		}
		if (payment.receipt() != null
				&& (event instanceof PaymentEvent.PaymentConfirmed || event instanceof PaymentEvent.ReceiptFound)) {
			// As it settles: against M-Pesa's records already here (usually none yet:
			// they are checked again as they arrive).
			this.checks.check(List.of(payment.receipt().value()));
		}
	}

}
