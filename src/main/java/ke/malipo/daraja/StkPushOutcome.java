package ke.malipo.daraja;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What became of an STK push. Only {@link Accepted} means a prompt is on its way; only
 * {@link Ambiguous} means a prompt may be on its way without us knowing its id, which
 * must never be answered by sending another push.
 */
public sealed interface StkPushOutcome {

	/**
	 * Daraja accepted the request; the customer gets a prompt and the result comes later.
	 */
	record Accepted(MerchantRequestId merchantRequestId, CheckoutRequestId checkoutRequestId,
			String customerMessage) implements StkPushOutcome {
	}

	/**
	 * Daraja refused the request; no prompt was sent.
	 *
	 * @param retryAfter when refused for load (spike arrest, quota), how long to back off
	 */
	record Rejected(DarajaCode code, String darajaMessage, @Nullable Duration retryAfter) implements StkPushOutcome {

		public FailureCause cause() {
			return (this.code.cause() != null) ? this.code.cause() : FailureCause.DARAJA;
		}

	}

	/**
	 * The request may have reached M-Pesa (timeout after sending, 5xx): settle it by
	 * query.
	 */
	record Ambiguous(String reason) implements StkPushOutcome {
	}

	/**
	 * Not sent at all: M-Pesa is unreachable and the circuit is open. Safe to send later.
	 */
	record Unavailable(String reason) implements StkPushOutcome {
	}

}
