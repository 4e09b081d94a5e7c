package ke.malipo.notifications.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * How the senders work through what is due: a batch at a time until a batch comes back
 * short, paced to the provider's limit, and for a bounded number of rounds per scheduled
 * run (the next run takes the rest), so a burst is sent in seconds rather than a batch a
 * second, and never faster than the provider allows.
 */
final class Drain {

	private Drain() {
	}

	/**
	 * @param batch how many messages one round claims at most
	 * @param perSecond the most messages sent in a second
	 * @param rounds the most rounds in this run
	 * @param round sends one batch and says how many it claimed
	 */
	static void rounds(int batch, int perSecond, int rounds, IntSupplier round) throws InterruptedException {
		long pace = TimeUnit.SECONDS.toNanos(batch) / perSecond;
		for (int done = 0; done < rounds; done++) {
			long started = System.nanoTime();
			if (round.getAsInt() < batch) {
				return;
			}
			TimeUnit.NANOSECONDS.sleep(pace - (System.nanoTime() - started));
		}
	}

}
