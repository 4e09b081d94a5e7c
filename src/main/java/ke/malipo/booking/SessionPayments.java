package ke.malipo.booking;

import java.time.Instant;
import java.util.UUID;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserId;
import ke.malipo.common.money.MpesaReceipt;
import org.jspecify.annotations.Nullable;

/**
 * What the payments module needs from booking, and nothing more. Payments asks whether a
 * session may be paid before it sends an M-Pesa prompt; booking learns of outcomes
 * through the {@code record…}/{@code confirmPaid} operations, which payments calls in the
 * transaction of each change (receipts and histories read finance's projection instead).
 * Each operation is idempotent for the same facts, so a redelivered event is harmless.
 */
public interface SessionPayments {

	/**
	 * The session, if this client may pay it now.
	 * @throws ke.malipo.common.problem.NotFoundException {@code SESSION_NOT_FOUND} when
	 * the session is not this client's
	 * @throws SessionNotPayable when it is not approved (pending, declined, expired…) or
	 * past its pay-by time
	 * @throws SessionAlreadyPaid when it is paid
	 * @throws SessionPaymentInProgress when a payment is under way
	 */
	PayableSession payable(SessionId session, UserId client);

	/**
	 * Whether this user may see the session's payment: its client, its psychologist, or
	 * an admin.
	 */
	boolean isVisibleTo(SessionId session, CurrentUser viewer);

	/**
	 * A payment attempt for this session is under way (the prompt was accepted, or may
	 * have gone out): the session shows PROCESSING and cannot expire until the outcome is
	 * known.
	 */
	void recordPaymentStarted(SessionId session, PaymentStarted payment);

	/**
	 * The money is proven: an APPROVED session becomes CONFIRMED with the receipt. A
	 * session that can no longer be confirmed (expired, cancelled, another amount) is not
	 * changed and the answer says why, so the caller can send the payment to review.
	 */
	ConfirmOutcome confirmPaid(SessionId session, PaymentProof proof);

	/**
	 * The receipt of a payment confirmed without one (M-Pesa's query proved it) was
	 * found. Changes nothing unless that attempt paid this session and its receipt is
	 * missing.
	 */
	void attachReceipt(SessionId session, UUID attemptId, MpesaReceipt receipt);

	/** The payment failed; the session stays APPROVED and can be paid again. */
	void recordPaymentFailed(SessionId session, PaymentFailure failure);

	/**
	 * Facts of a payment that has started.
	 *
	 * @param attemptId the payments module's id for the attempt
	 * @param checkoutRequestId Daraja's id, unknown when the push's fate is ambiguous
	 */
	record PaymentStarted(UUID attemptId, @Nullable String checkoutRequestId, @Nullable String merchantRequestId,
			Kes amount, Msisdn phone, Instant initiatedAt) {
	}

	/**
	 * Proof that the money arrived.
	 *
	 * @param receipt null when M-Pesa's query proved the payment: the receipt follows
	 * through {@link #attachReceipt}
	 */
	record PaymentProof(UUID attemptId, @Nullable String checkoutRequestId, @Nullable MpesaReceipt receipt, Kes amount,
			Instant verifiedAt) {
	}

	/** Why a payment failed, in M-Pesa's words. */
	record PaymentFailure(UUID attemptId, String resultCode, String resultDescription, Instant failedAt) {
	}

	/** What {@link #confirmPaid} did. */
	record ConfirmOutcome(boolean confirmed, @Nullable String refusal) {

		public static ConfirmOutcome done() {
			return new ConfirmOutcome(true, null);
		}

		public static ConfirmOutcome refused(String why) {
			return new ConfirmOutcome(false, why);
		}

	}

}
