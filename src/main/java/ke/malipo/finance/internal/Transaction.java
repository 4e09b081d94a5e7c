package ke.malipo.finance.internal;

import java.time.Instant;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import ke.malipo.identity.UserDirectory;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;

/**
 * One M-Pesa payment attempt as the finance desk and payment histories show it, with the
 * names of the people on both sides.
 *
 * @param outcome M-Pesa's words or our reason, when there is one
 */
public record Transaction(PaymentId id, SessionId sessionId, Instant createdAt, Instant updatedAt, Kes amount,
		UserId clientId, String clientName, UserId psychologistId, String psychologistName, @Nullable String receipt,
		Msisdn phone, AttemptState state, @Nullable String outcome) {

	/** A payment as payments holds it, with the names of the people on both sides. */
	public static Transaction of(PaymentFacts payment, UserDirectory directory) {
		java.util.Map<UserId, String> names = directory
			.displayNames(java.util.Set.of(payment.clientId(), payment.psychologistId()));
		return new Transaction(payment.id(), payment.sessionId(), payment.createdAt(), payment.updatedAt(),
				payment.amount(), payment.clientId(), names.getOrDefault(payment.clientId(), "—"),
				payment.psychologistId(), names.getOrDefault(payment.psychologistId(), "—"),
				(payment.receipt() != null) ? payment.receipt().value() : null, payment.phone(), payment.state(),
				payment.outcome());
	}

	/** The phone as anyone but its owner may see it. */
	public String phoneMasked() {
		return this.phone.masked();
	}

}
