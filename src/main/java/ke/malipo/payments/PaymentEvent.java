package ke.malipo.payments;

import java.time.Instant;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a payment, published in the transaction of the change through the
 * event publication registry: notifications, audit, reconciliation and insights listen.
 */
public sealed interface PaymentEvent {

	PaymentId paymentId();

	SessionId sessionId();

	Instant occurredAt();

	/**
	 * The money is proven: the session is confirmed in the same transaction. The receipt
	 * is null when M-Pesa's query proved the payment; {@link ReceiptFound} follows.
	 */
	record PaymentConfirmed(PaymentId paymentId, SessionId sessionId, UserId clientId, Kes amount,
			@Nullable String mpesaReceiptNumber, Instant occurredAt) implements PaymentEvent {
	}

	/** The receipt of a payment confirmed on a query's word was found. */
	record ReceiptFound(PaymentId paymentId, SessionId sessionId, String mpesaReceiptNumber,
			Instant occurredAt) implements PaymentEvent {
	}

	/** M-Pesa's final word is no; {@code reason} is written for the client. */
	record PaymentFailed(PaymentId paymentId, SessionId sessionId, UserId clientId, @Nullable String resultCode,
			String reason, Instant occurredAt) implements PaymentEvent {
	}

	/**
	 * Nobody knows yet whether money moved; resolution is under way or a person must
	 * look.
	 */
	record PaymentOutcomeUnknown(PaymentId paymentId, SessionId sessionId, AttemptState state, String reason,
			Instant occurredAt) implements PaymentEvent {
	}

}
