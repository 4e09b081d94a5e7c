package ke.malipo.payments.internal;

import java.time.Duration;

/**
 * How payments' background workers (the feed's readers, the stored-callback worker) pause
 * after a failure: first their poll interval, then twice the last pause, at most a
 * minute.
 */
final class Backoff {

	static final Duration LONGEST = Duration.ofMinutes(1);

	private Backoff() {
	}

	/** The pause after another failure, {@code previous} being zero after a success. */
	static Duration after(Duration previous, Duration first) {
		Duration doubled = previous.isZero() ? first : previous.multipliedBy(2);
		return (doubled.compareTo(LONGEST) > 0) ? LONGEST : doubled;
	}

	/** Sleeps for the pause; false when interrupted (the worker is to stop). */
	static boolean sleep(Duration pause) {
		try {
			Thread.sleep(pause);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
