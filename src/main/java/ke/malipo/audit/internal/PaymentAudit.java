package ke.malipo.audit.internal;

import java.util.List;
import java.util.Optional;

import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentFeedReader;
import ke.malipo.payments.PaymentStep;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records every payment action from payments' change feed (Properties 66–68; in batches,
 * each with audit's place in the feed, so an action is recorded once and none is passed
 * over): one entry per event naming who acted (the client, M-Pesa, an admin, or one of
 * our jobs), the action and the payment; the initiation with its session, amount, masked
 * phone, client and attempt; and each change of state with where it came from, where it
 * went and why. A redelivered or late event (its version not newer than the one seen)
 * writes nothing.
 */
@Component
class PaymentAudit implements PaymentFeedReader {

	private final AuditEntries entries;

	private final JdbcClient jdbc;

	PaymentAudit(AuditEntries entries, JdbcClient jdbc) {
		this.entries = entries;
		this.jdbc = jdbc;
	}

	/** Audit's name in payments' change feed. */
	@Override
	public String name() {
		return "audit";
	}

	@Override
	public void apply(List<PaymentEvent> events) {
		// A lock never waited on for long: a batch that cannot get on fails and is
		// handed over again later, instead of hanging unseen.
		this.jdbc.sql("set local lock_timeout = '5s'").update();
		events.forEach(this::on);
	}

	void on(PaymentEvent event) {
		PaymentFacts payment = event.payment();
		boolean first = this.jdbc.sql("""
				insert into audit.payment_events (payment_id, version) values (:id, :version) on conflict do nothing
				""").param("id", payment.id().value()).param("version", payment.version()).update() == 1;
		if (!first) {
			// Delivered again after a crash: recorded already.
			return;
		}
		Optional<String> before = this.jdbc.sql("""
				select state from audit.payment_states where payment_id = :id for update
				""").param("id", payment.id().value()).query(String.class).optional();
		// The state moves forward only: a late event is recorded as an action, not as a
		// change back.
		boolean newest = this.jdbc.sql("""
				insert into audit.payment_states (payment_id, state, version) values (:id, :state, :version)
				on conflict (payment_id) do update set state = excluded.state, version = excluded.version
				where audit.payment_states.version < excluded.version
				""")
			.param("id", payment.id().value())
			.param("state", payment.state().name())
			.param("version", payment.version())
			.update() == 1;
		AuditEntries.Actor actor = actor(event);
		String subject = "payment:" + payment.id().value();
		if (event instanceof PaymentEvent.PaymentStarted) {
			this.entries.append(event.occurredAt(), actor, "PAYMENT_INITIATED", subject,
					"session " + payment.sessionId().value() + ", " + payment.amount().display() + ", phone "
							+ payment.phone().masked() + ", client " + payment.clientId().value() + ", attempt "
							+ payment.id().value() + ", reference " + payment.reference());
		}
		else {
			this.entries.append(event.occurredAt(), actor, action(event), subject, steps(event.steps()));
		}
		String from = before.orElse(null);
		if (newest && from != null && !from.equals(payment.state().name())) {
			this.entries.append(event.occurredAt(), actor, "PAYMENT_STATUS_CHANGED", subject,
					"from " + from + " to " + payment.state().name() + "; cause: " + cause(event));
		}
	}

	/** Who acted, read from what the change records. */
	private static AuditEntries.Actor actor(PaymentEvent event) {
		List<PaymentStep> steps = event.steps();
		for (PaymentStep step : steps) {
			if (step.kind() == HistoryKind.RESOLVED) {
				// "By Name <email>: reason" - the desk's words for who decided.
				String detail = step.detail();
				int colon = detail.indexOf(':');
				String who = (detail.startsWith("By ") && colon > 3) ? detail.substring(3, colon) : "an admin";
				return new AuditEntries.Actor(null, "ADMIN", who);
			}
		}
		if (event instanceof PaymentEvent.PaymentStarted) {
			return new AuditEntries.Actor(event.payment().clientId().value(), "CLIENT", null);
		}
		if (steps.stream().anyMatch((step) -> step.kind() == HistoryKind.CALLBACK)) {
			return AuditEntries.Actor.mpesa();
		}
		if (steps.stream().anyMatch((step) -> step.kind() == HistoryKind.MPESA_RECORDS)) {
			return AuditEntries.Actor.system("reconciliation");
		}
		return AuditEntries.Actor.system("payments");
	}

	private static String action(PaymentEvent event) {
		return switch (event) {
			case PaymentEvent.PaymentStarted started -> "PAYMENT_INITIATED";
			case PaymentEvent.PromptSent sent -> "PAYMENT_PROMPT_SENT";
			case PaymentEvent.PaymentConfirmed confirmed -> "PAYMENT_CONFIRMED";
			case PaymentEvent.ReceiptFound found -> "PAYMENT_RECEIPT_FOUND";
			case PaymentEvent.PaymentFailed failed -> "PAYMENT_FAILED";
			case PaymentEvent.PaymentOutcomeUnknown unknown -> "PAYMENT_OUTCOME_UNKNOWN";
			case PaymentEvent.PaymentNoted noted -> "PAYMENT_NOTED";
		};
	}

	/** Why the state changed: the steps recorded with it other than the change itself. */
	private static String cause(PaymentEvent event) {
		String steps = steps(event.steps().stream().filter((step) -> step.kind() != HistoryKind.STATE).toList());
		return steps.isEmpty() ? action(event) : steps;
	}

	private static String steps(List<PaymentStep> steps) {
		return String.join("; ", steps.stream().map((step) -> step.kind() + " " + step.detail()).toList());
	}

}
