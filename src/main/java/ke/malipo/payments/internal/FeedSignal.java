package ke.malipo.payments.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes the feed's readers on this node when a transaction that wrote to the feed
 * commits, so a reader does not wait for its next poll. Each reader waits on its own
 * {@link Waiter}, which holds one permit at most: a burst of commits wakes a reader once,
 * and it reads them all.
 */
@Component
class FeedSignal {

	private final List<Semaphore> waiters = new CopyOnWriteArrayList<>();

	void committed() {
		for (Semaphore waiter : this.waiters) {
			if (waiter.availablePermits() == 0) {
				waiter.release();
			}
		}
	}

	Waiter waiter() {
		Semaphore semaphore = new Semaphore(0);
		this.waiters.add(semaphore);
		return new Waiter(semaphore);
	}

	/** One reader's wait for a commit. */
	static final class Waiter {

		private final Semaphore semaphore;

		private Waiter(Semaphore semaphore) {
			this.semaphore = semaphore;
		}

		/** Waits until something commits or the time passes; false when interrupted. */
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

}
