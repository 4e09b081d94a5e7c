package ke.malipo.finance.internal;

import java.time.Instant;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
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

	/** The phone as anyone but its owner may see it. */
	public String phoneMasked() {
		return this.phone.masked();
	}

}
