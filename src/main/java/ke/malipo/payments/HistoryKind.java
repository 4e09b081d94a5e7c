package ke.malipo.payments;

/**
 * What a step of a payment's timeline records; stored by name in
 * {@code payments.attempt_history.kind}, carried by {@link PaymentEvent}s and shown on
 * the finance desk.
 */
public enum HistoryKind {

	/** The attempt was stored, before Daraja was called. */
	INITIATED,
	/** The state changed ({@code FROM -> TO}). */
	STATE,
	/** An authenticated STK callback arrived (from which address) and was applied. */
	CALLBACK,
	/**
	 * A callback with this payment's token was refused (malformed, or about another
	 * request).
	 */
	CALLBACK_REFUSED,
	/**
	 * M-Pesa's own records (a statement, as reconciliation read it) showed money for this
	 * payment, and were applied like a callback.
	 */
	MPESA_RECORDS,
	/** Daraja accepted the push, with its CheckoutRequestID. */
	DARAJA_ACCEPTED,
	/** Daraja refused the push; nothing reached the phone. */
	DARAJA_REJECTED,
	/** The push may have gone out without its answer. */
	DARAJA_AMBIGUOUS,
	/** Waiting in the queue for an unreachable M-Pesa. */
	QUEUED,
	/** Taken from the queue to be sent. */
	DEQUEUED,
	/** Never sent (M-Pesa unreachable until the queue's deadline). */
	NOT_SENT,
	/** Daraja's ids, learnt from the callback of an ambiguous push. */
	IDS_LEARNT,
	/** Daraja was asked and had no final answer (or an admin asked about a review). */
	QUERIED,
	/** M-Pesa proved the money (with the receipt, or by a query: receipt to follow). */
	PAID,
	/** Money M-Pesa proved after the attempt had failed or gone to review. */
	LATE_MONEY,
	/** The receipt of a payment proven by a query was found. */
	RECEIPT_FOUND,
	/** The receipt was looked for in M-Pesa's records and not found yet. */
	RECEIPT_SOUGHT,
	/** The receipt search ended after 24 hours; reconciliation attaches it. */
	RECEIPT_NOT_FOUND,
	/** M-Pesa's final no. */
	FAILED,
	/** Handed to a person. */
	NEEDS_REVIEW,
	/** Settled by an admin, with the reason. */
	RESOLVED,
	/** News about an attempt already settled by it, recorded and not applied. */
	DUPLICATE,
	/** A second receipt for an attempt that already holds one. */
	UNEXPECTED_RECEIPT,
	/** A receipt for a payment proven by a query that does not fit it. */
	RECEIPT_DISCREPANCY,
	/** A receipt that already proves another payment, reported for a failed attempt. */
	RECEIPT_OF_ANOTHER_PAYMENT,
	/** A result code nobody has documented: proves nothing. */
	UNKNOWN_RESULT,
	/** A query reports payment for an attempt already settled. */
	QUERY_PAID

}
