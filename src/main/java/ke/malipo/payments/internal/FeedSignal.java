package ke.malipo.payments.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/**
 * Wakes the feed's readers on this node when a transaction that wrote to the feed
 * commits, so a reader does not wait for its next poll. Each reader waits on its own
 * {@link Wakeup}: a burst of commits wakes a reader once, and it reads them all.
 */
@Component
class FeedSignal {

	private final List<Wakeup> waiters = new CopyOnWriteArrayList<>();

	void committed() {
		this.waiters.forEach(Wakeup::signal);
	}

	Wakeup waiter() {
		Wakeup waiter = new Wakeup();
		this.waiters.add(waiter);
		return waiter;
	}

}
