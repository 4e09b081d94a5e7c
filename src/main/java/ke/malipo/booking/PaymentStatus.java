package ke.malipo.booking;

/** What a session shows about its payment; derived from the payment attempts. */
public enum PaymentStatus {

	/** Nothing paid and no payment under way. */
	UNPAID,
	/** An M-Pesa prompt was sent; waiting for the outcome. */
	PROCESSING,
	/** The money is proven. */
	PAID,
	/** The last attempt failed; the session can be paid again. */
	FAILED

}
