package ke.malipo.booking;

import java.time.Instant;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

/**
 * What the payments module needs from booking, and nothing more. Payments asks whether a
 * session may be paid before it sends an M-Pesa prompt; booking learns of outcomes
 * through the {@code record…}/{@code confirmPaid} operations, which the listener of
 * payment events calls. Each operation is idempotent for the same facts, so a redelivered
 * event is harmless.
 */
public interface SessionPayments {

	/**
	 * The session, if this client may pay it now.
	 * @throws ke.malipo.common.problem.NotFoundException {@code SESSION_NOT_FOUND} when
	 * the session is not this client's
	 * @throws ke.malipo.common.problem.MalipoException {@code SESSION_NOT_PAYABLE} when
	 * it is not approved (pending, declined, expired…) or past its pay-by time,
	 * {@code ALREADY_PAID} when it is paid, {@code PAYMENT_IN_PROGRESS} when a payment is
	 * under way
	 */
	PayableSession payable(SessionId session, UserId client);

	/**
	 * An M-Pesa prompt for this session was accepted by Daraja; the session shows
	 * PROCESSING.
	 */
	void recordPaymentStarted(SessionId session, PaymentStarted payment);

	/** The money is proven: the session becomes CONFIRMED with the receipt. */
	void confirmPaid(SessionId session, PaymentProof proof);

	/** The payment failed; the session stays APPROVED and can be paid again. */
	void recordPaymentFailed(SessionId session, PaymentFailure failure);

	/** Facts of a payment that has started. */
	record PaymentStarted(String checkoutRequestId, @Nullable String merchantRequestId, Kes amount, Msisdn phone,
			Instant initiatedAt) {
	}

	/** Proof that the money arrived. */
	record PaymentProof(String checkoutRequestId, String mpesaReceiptNumber, Kes amount, Instant verifiedAt) {
	}

	/** Why a payment failed, in M-Pesa's words. */
	record PaymentFailure(String checkoutRequestId, String resultCode, String resultDescription, Instant failedAt) {
	}

}
