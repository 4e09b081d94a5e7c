package ke.malipo.payments.web;

import java.time.Duration;
import java.util.Objects;

import ke.malipo.common.time.Eat;

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
			case UNKNOWN -> "We are confirming this payment with M-Pesa. Please do not pay again. " + nextCheck(attempt)
					+ "If M-Pesa took the money, your session is confirmed; if not, "
					+ "you can pay again. We will know by " + Eat.display(attempt.createdAt().plus(Duration.ofDays(1)))
					+ " at the latest, and our team can settle it sooner.";
			case NEEDS_REVIEW ->
				(attempt.receipt() != null) ? "M-Pesa received your payment of " + attempt.amount().display()
						+ " (receipt " + attempt.receipt() + "), but it could not confirm this session by itself. "
						+ "Please do not pay again: our team will confirm the session or send the money back to you."
						: "Our team is checking this payment against M-Pesa's records. Please do not pay again; "
								+ "this page shows the result as soon as it is settled.";
			case PAID -> (attempt.receipt() != null) ? "Payment received. M-Pesa receipt " + attempt.receipt() + "."
					: "Payment received: M-Pesa confirmed it. The M-Pesa receipt number will follow "
							+ "as soon as M-Pesa's records show it.";
			case FAILED -> Objects.requireNonNullElse(attempt.reason(), "The payment did not go through. Tap Retry.");
		};
	}

	private static String nextCheck(PaymentAttempt attempt) {
		return (attempt.nextCheckAt() != null) ? "We ask M-Pesa again at " + Eat.display(attempt.nextCheckAt()) + ". "
				: "";
	}

}
