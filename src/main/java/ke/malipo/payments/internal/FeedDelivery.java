package ke.malipo.payments.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ke.malipo.common.database.AdvisoryLocks;
import ke.malipo.payments.PaymentFeedReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands payments' change feed to every {@link PaymentFeedReader}, each on a thread of its
 * own: a batch of events and the reader's new place in one transaction, under an advisory
 * lock so that on several nodes one applies a reader's batch at a time. A commit on this
 * node wakes the readers; otherwise they look every {@code poll-every}. Rows a running
 * transaction may still precede are read a moment later, never skipped. A failing batch
 * is rolled back and tried again after a pause that grows to a minute, logged each time:
 * the reader stays behind, visibly, rather than passing an event.
 */
@Component
class FeedDelivery implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FeedDelivery.class);

	/**
	 * The first number of the readers' advisory locks ("FEED"); the second is the name's.
	 */
	private static final int LOCK = 0x46454544;

	private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

	private static final Duration SOON = Duration.ofMillis(10);

	private final List<PaymentFeedReader> readers;

	private final PaymentFeed feed;

	private final FeedSignal signal;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PaymentSettings.Feed settings;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	FeedDelivery(List<PaymentFeedReader> readers, PaymentFeed feed, FeedSignal signal, JdbcClient jdbc,
			TransactionTemplate transactions, PaymentSettings settings) {
		this.readers = readers;
		this.feed = feed;
		this.signal = signal;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.settings = settings.feed();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		for (PaymentFeedReader reader : this.readers) {
			this.transactions.executeWithoutResult((status) -> this.feed.register(reader.name()));
			FeedSignal.Waiter waiter = this.signal.waiter();
			this.threads.add(Thread.ofVirtual().name("feed-" + reader.name()).start(() -> follow(reader, waiter)));
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
		for (Thread thread : this.threads) {
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void follow(PaymentFeedReader reader, FeedSignal.Waiter waiter) {
		Duration pause = Duration.ZERO;
		while (this.running && !Thread.currentThread().isInterrupted()) {
			try {
				int read = round(reader);
				if (read == this.settings.batch()) {
					pause = Duration.ZERO;
					continue;
				}
				// Rows stored but not readable yet belong to transactions that began
				// before a
				// running one: look again soon, then less often while it runs on.
				if (read < 0 || !this.feed.behind(reader.name())) {
					pause = this.settings.pollEvery();
				}
				else {
					pause = (read > 0) ? SOON : next(pause, SOON);
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				pause = next(pause, this.settings.pollEvery());
				log.warn("Feed reader {} could not apply its batch; trying again in {}", reader.name(), pause, ex);
			}
			if (!waiter.await(pause)) {
				return;
			}
		}
	}

	/** Double the pause, from {@code first}, up to a minute. */
	private static Duration next(Duration pause, Duration first) {
		Duration doubled = pause.isZero() ? first : pause.multipliedBy(2);
		return (doubled.compareTo(LONGEST_PAUSE) > 0) ? LONGEST_PAUSE : doubled;
	}

	/**
	 * One batch for the reader: how many events it applied, or -1 when another node is
	 * applying its batch.
	 */
	private int round(PaymentFeedReader reader) {
		Integer read = this.transactions.execute((status) -> {
			if (!AdvisoryLocks.tryForTransaction(this.jdbc, LOCK, reader.name().hashCode())) {
				return -1;
			}
			PaymentFeed.Batch batch = this.feed.next(reader.name(), this.settings.batch());
			if (batch.events().isEmpty()) {
				return 0;
			}
			reader.apply(batch.events());
			this.feed.passed(reader.name(), batch);
			return batch.events().size();
		});
		return (read != null) ? read : 0;
	}

}
