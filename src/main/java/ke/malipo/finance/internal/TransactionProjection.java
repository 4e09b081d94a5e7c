package ke.malipo.finance.internal;

import java.util.List;

import ke.malipo.booking.SessionEvent;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentFeedReader;
import ke.malipo.payments.PaymentStep;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Keeps the finance schema current from payments' change feed (in batches, each with the
 * projection's place in the feed) and booking's events (after their transactions commit,
 * handed over by the event publication registry until completed, also after a crash).
 * Every write is idempotent and order-tolerant: a transaction row changes only for a
 * higher version than it holds, a timeline step is keyed by the version and place that
 * brought it, and a session's time is written once and then only by a later move. So an
 * event delivered again, or late, leaves the projection right.
 */
@Component
class TransactionProjection implements PaymentFeedReader {

	private final JdbcClient jdbc;

	TransactionProjection(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Finance's name in payments' change feed. */
	@Override
	public String name() {
		return "finance";
	}

	@Override
	public void apply(List<PaymentEvent> events) {
		events.forEach(this::on);
	}

	void on(PaymentEvent event) {
		PaymentFacts payment = event.payment();
		this.jdbc.sql("""
				insert into finance.transactions (payment_id, session_id, client_id, psychologist_id, amount, phone,
				  reference, checkout_request_id, receipt, state, result_code, outcome, created_at, updated_at, version)
				values (:id, :session, :client, :psychologist, :amount, :phone, :reference, :checkout, :receipt, :state,
				  :code, :outcome, :createdAt, :updatedAt, :version)
				on conflict (payment_id) do update set checkout_request_id = excluded.checkout_request_id,
				  receipt = excluded.receipt, state = excluded.state, result_code = excluded.result_code,
				  outcome = excluded.outcome, updated_at = excluded.updated_at, version = excluded.version
				where finance.transactions.version < excluded.version
				""")
			.param("id", payment.id().value())
			.param("session", payment.sessionId().value())
			.param("client", payment.clientId().value())
			.param("psychologist", payment.psychologistId().value())
			.param("amount", payment.amount().shillings())
			.param("phone", payment.phone().value())
			.param("reference", payment.reference())
			.param("checkout", (payment.checkoutRequestId() != null) ? payment.checkoutRequestId().value() : null)
			.param("receipt", (payment.receipt() != null) ? payment.receipt().value() : null)
			.param("state", payment.state().name())
			.param("code", payment.resultCode())
			.param("outcome", payment.outcome())
			.param("createdAt", ts(payment.createdAt()))
			.param("updatedAt", ts(payment.updatedAt()))
			.param("version", payment.version())
			.update();
		if (event instanceof PaymentEvent.PaymentConfirmed) {
			// When the money was first proven, whatever order the events (and a
			// redelivered
			// one, stamped a moment later) are handled in: the earliest wins.
			this.jdbc.sql("""
					update finance.transactions set paid_at = least(coalesce(paid_at, :at), :at)
					 where payment_id = :id
					""").param("id", payment.id().value()).param("at", ts(event.occurredAt())).update();
		}
		steps(payment, event.steps());
	}

	private void steps(PaymentFacts payment, List<PaymentStep> steps) {
		for (int seq = 0; seq < steps.size(); seq++) {
			PaymentStep step = steps.get(seq);
			this.jdbc.sql("""
					insert into finance.timeline (payment_id, version, seq, at, kind, detail)
					values (:id, :version, :seq, :at, :kind, :detail)
					on conflict do nothing
					""")
				.param("id", payment.id().value())
				.param("version", payment.version())
				.param("seq", seq)
				.param("at", ts(step.at()))
				.param("kind", step.kind().name())
				.param("detail", step.detail())
				.update();
		}
	}

	/** The session's time and length, for receipts; they never change once booked. */
	@ApplicationModuleListener
	void on(SessionEvent event) {
		switch (event) {
			case SessionEvent.Requested requested ->
				session(requested, requested.scheduledAt(), requested.durationMinutes());
			case SessionEvent.Approved approved -> session(approved, approved.scheduledAt(), null);
			case SessionEvent.Confirmed confirmed -> session(confirmed, confirmed.scheduledAt(), null);
			case SessionEvent.Rescheduled moved -> moved(moved);
			default -> {
			}
		}
	}

	/** The session's new time, unless a later move is already recorded. */
	private void moved(SessionEvent.Rescheduled moved) {
		this.jdbc
			.sql("""
					insert into finance.sessions (session_id, scheduled_at, duration_minutes, moved_at)
					values (:id, :at, :length, :movedAt)
					on conflict (session_id) do update set scheduled_at = excluded.scheduled_at, moved_at = excluded.moved_at
					 where finance.sessions.moved_at is null or finance.sessions.moved_at < excluded.moved_at
					""")
			.param("id", moved.sessionId().value())
			.param("at", ts(moved.to()))
			.param("length", moved.durationMinutes())
			.param("movedAt", ts(moved.occurredAt()))
			.update();
	}

	private void session(SessionEvent event, java.time.Instant scheduledAt,
			@org.jspecify.annotations.Nullable Integer durationMinutes) {
		this.jdbc.sql("""
				insert into finance.sessions (session_id, scheduled_at, duration_minutes) values (:id, :at, :length)
				on conflict (session_id) do update
				  set duration_minutes = coalesce(finance.sessions.duration_minutes, excluded.duration_minutes)
				""")
			.param("id", event.sessionId().value())
			.param("at", ts(scheduledAt))
			.param("length", durationMinutes)
			.update();
	}

}
