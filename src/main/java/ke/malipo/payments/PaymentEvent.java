package ke.malipo.payments;

import java.time.Instant;
import java.util.List;

import ke.malipo.booking.SessionId;

/**
 * What happened to a payment, published in the transaction of the change through the
 * event publication registry (notifications and operations listen) and written to
 * payments' change feed, which finance, insights, reconciliation and audit follow
 * ({@link PaymentFeedReader}). Every stored change publishes exactly one event: its type
 * says what happened, its {@link #payment()} the whole attempt after the change, its
 * {@link #steps()} the timeline lines written with it. So a listener learns everything
 * from the event, and can apply a late or repeated one safely by its version.
 */
public sealed interface PaymentEvent {

	/** The attempt after the change. */
	PaymentFacts payment();

	/** The timeline steps recorded with this change, oldest first. */
	List<PaymentStep> steps();

	Instant occurredAt();

	default PaymentId paymentId() {
		return payment().id();
	}

	default SessionId sessionId() {
		return payment().sessionId();
	}

	/** The attempt was stored, before Daraja was called (it may wait in the queue). */
	record PaymentStarted(PaymentFacts payment, List<PaymentStep> steps, Instant occurredAt) implements PaymentEvent {
	}

	/** Daraja accepted the push: the client's phone shows the prompt. */
	record PromptSent(PaymentFacts payment, List<PaymentStep> steps, Instant occurredAt) implements PaymentEvent {
	}

	/**
	 * The money is proven: the session is confirmed in the same transaction. The receipt
	 * is null when M-Pesa's query proved the payment; {@link ReceiptFound} follows.
	 */
	record PaymentConfirmed(PaymentFacts payment, List<PaymentStep> steps, Instant occurredAt) implements PaymentEvent {
	}

	/** The receipt of a payment confirmed on a query's word was found. */
	record ReceiptFound(PaymentFacts payment, List<PaymentStep> steps, Instant occurredAt) implements PaymentEvent {
	}

	/**
	 * M-Pesa's final word is no, or nothing was sent; the payment's outcome is written
	 * for the client.
	 */
	record PaymentFailed(PaymentFacts payment, List<PaymentStep> steps, Instant occurredAt) implements PaymentEvent {
	}

	/**
	 * Nobody knows yet whether money moved (UNKNOWN), or a person must look
	 * (NEEDS_REVIEW, with the receipt when M-Pesa reported money it could not settle).
	 */
	record PaymentOutcomeUnknown(PaymentFacts payment, List<PaymentStep> steps,
			Instant occurredAt) implements PaymentEvent {
	}

	/**
	 * Something was learnt that changes no outcome: a query still pending, a duplicate or
	 * late callback, the queue.
	 */
	record PaymentNoted(PaymentFacts payment, List<PaymentStep> steps, Instant occurredAt) implements PaymentEvent {
	}

}
