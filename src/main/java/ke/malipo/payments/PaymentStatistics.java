package ke.malipo.payments;

import java.time.Instant;
import java.util.Optional;

/**
 * What operations watch about payments as a whole, read when asked: how old the oldest
 * payment with an open outcome is, how many initiations wait for M-Pesa to come back, and
 * when this node last heard a callback.
 */
public interface PaymentStatistics {

	/** When the oldest payment whose outcome is still open was started. */
	Optional<Instant> oldestUnresolvedSince();

	/** Initiations queued while M-Pesa could not be reached (nothing sent yet). */
	int queued();

	/**
	 * Every reader with a place in payments' change feed, by its name, each with when the
	 * oldest row it has still to apply was recorded (absent when it has read every row).
	 * A reader stuck on a row it cannot apply stays there, so this grows.
	 */
	java.util.Map<String, Optional<Instant>> feedUnreadSince();

	/** The names of the modules that follow payments' change feed. */
	java.util.List<String> feedReaders();

	/**
	 * When this node last stored an authenticated STK callback; empty when it has not
	 * since it started.
	 */
	Optional<Instant> lastCallbackAt();

	/**
	 * How the payments started since then have ended so far: paid, or failed by M-Pesa's
	 * result code (none: settled by hand or never answered), with their average time from
	 * initiation to outcome.
	 */
	Outcomes outcomesSince(Instant since);

	/** Ended payments of a period. */
	record Outcomes(int paid, java.util.Map<String, Integer> failedByCode, double averageSeconds) {

		public Outcomes {
			failedByCode = java.util.Map.copyOf(failedByCode);
		}

		public int ended() {
			return this.paid + this.failedByCode.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

}
