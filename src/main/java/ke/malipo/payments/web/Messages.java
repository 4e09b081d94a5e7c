package ke.malipo.payments.web;

import java.util.Objects;

import ke.malipo.payments.internal.PaymentAttempt;

/** What the person paying reads about an attempt (Properties 11, 24, 27). */
final class Messages {

	private Messages() {
	}

	static String forAttempt(PaymentAttempt attempt) {
		return switch (attempt.state()) {
			case INITIATED, AWAITING_CUSTOMER -> attempt.queued()
					? "M-Pesa is busy right now. Your prompt will arrive within a minute; keep your phone close."
					: "Check your phone: enter your M-Pesa PIN to pay " + attempt.amount().display() + ".";
			case UNKNOWN, NEEDS_REVIEW ->
				"We are confirming this payment with M-Pesa. Please do not pay again; " + "the result will show here.";
			case PAID -> "Payment received. M-Pesa receipt " + attempt.receipt() + ".";
			case FAILED -> Objects.requireNonNullElse(attempt.reason(), "The payment did not go through. Tap Retry.");
		};
	}

}
