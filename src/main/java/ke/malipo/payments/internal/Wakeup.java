package ke.malipo.payments.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes one background worker of this node when there is work, so it does not wait for
 * its next poll. It holds one permit at most: a burst of signals wakes the worker once,
 * and it takes the whole burst in its next round.
 */
final class Wakeup {

	private final Semaphore semaphore = new Semaphore(0);

	void signal() {
		if (this.semaphore.availablePermits() == 0) {
			this.semaphore.release();
		}
	}

	/** Waits until signalled or the time passes; false when interrupted. */
	boolean await(Duration atMost) {
		try {
			this.semaphore.tryAcquire(atMost.toNanos(), TimeUnit.NANOSECONDS);
			this.semaphore.drainPermits();
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
