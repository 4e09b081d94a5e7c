package ke.malipo.payments.internal;

import ke.malipo.common.problem.MalipoException;

/**
 * What can go wrong when paying, each named after what happened. How they read over HTTP
 * is declared in {@code payments.web}.
 */
public final class PaymentFailures {

	private PaymentFailures() {
	}

	/** Too many prompts to this number or from this client lately; nothing was sent. */
	public static final class TooManyPrompts extends MalipoException {

		TooManyPrompts(long seconds) {
			super("TOO_MANY_PROMPTS", "Too many M-Pesa prompts",
					"Too many M-Pesa prompts were sent to this number or from your account recently. "
							+ "Nothing was sent; try again in " + ((seconds + 59) / 60) + " minute(s).");
			with("retryAfterSeconds", seconds);
		}

	}

	/** M-Pesa refused the push: no prompt reached the phone. */
	public static final class MpesaRefusedPayment extends MalipoException {

		MpesaRefusedPayment(String detail) {
			super("MPESA_REJECTED", "M-Pesa refused the payment", detail);
		}

	}

	/** M-Pesa could not be reached and the queue could not wait; nothing was charged. */
	public static final class MpesaUnavailable extends MalipoException {

		MpesaUnavailable(String detail) {
			super("MPESA_UNAVAILABLE", "M-Pesa unavailable", detail);
		}

	}

	/** The session already has a payment under way (a double click, another tab). */
	public static final class PaymentInProgress extends MalipoException {

		PaymentInProgress() {
			super("PAYMENT_IN_PROGRESS", "Payment in progress",
					"A payment for this session is already in progress. Check your phone.");
		}

	}

	/** A callback with a good token whose body is not an STK callback. */
	public static final class MalformedCallback extends MalipoException {

		MalformedCallback(String why) {
			super("MALFORMED_CALLBACK", "Not an STK callback", "The body is not an M-Pesa STK callback: " + why);
		}

	}

	/** A callback that belongs to no payment, or speaks of another one. */
	public static final class ForgedCallback extends MalipoException {

		ForgedCallback() {
			super("FORGED_CALLBACK", "Callback refused", "This callback does not belong to any payment.");
		}

	}

	/**
	 * An address that keeps sending refused callbacks is turned away unread for a while.
	 */
	public static final class TooManyRefusedCallbacks extends MalipoException {

		TooManyRefusedCallbacks(long seconds) {
			super("TOO_MANY_REFUSED_CALLBACKS", "Too many refused callbacks",
					"Too many callbacks from this address were refused; try again in " + seconds + " seconds.");
			with("retryAfterSeconds", seconds);
		}

	}

}
