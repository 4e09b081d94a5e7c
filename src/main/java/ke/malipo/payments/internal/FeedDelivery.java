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
 * node wakes the readers; otherwise they look every {@code poll-every}. A woken reader
 * first waits {@code batch-wait}, so that under load the events of many commits arrive as
 * one batch (one transaction) rather than one each. Rows a running transaction may still
 * precede are read a moment later, never skipped. A failing batch is rolled back and
 * tried again after a pause that grows to a minute, logged each time: the reader stays
 * behind, visibly, rather than passing an event.
 */
@Component
class FeedDelivery implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FeedDelivery.class);

	/**
	 * The first number of the readers' advisory locks ("FEED"); the second is the name's.
	 */
	static final int LOCK = 0x46454544;

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
			Wakeup waiter = this.signal.waiter();
			this.threads.add(Thread.ofVirtual().name("feed-" + reader.name()).start(() -> follow(reader, waiter)));
		}
	}

	/**
	 * Lets each reader finish the batch in hand, as the stored-callback worker does:
	 * interrupting a virtual thread in a socket read would close its database connection.
	 * A reader still pausing after a failure is interrupted.
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
		this.signal.committed();
		for (Thread thread : this.threads) {
			try {
				thread.join(Duration.ofSeconds(10));
				if (thread.isAlive()) {
					thread.interrupt();
				}
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

	private void follow(PaymentFeedReader reader, Wakeup waiter) {
		Duration failing = Duration.ZERO;
		while (this.running && !Thread.currentThread().isInterrupted()) {
			Duration pause;
			try {
				Round round = round(reader);
				failing = Duration.ZERO;
				if (round.read() == this.settings.batch()) {
					continue;
				}
				// Rows stored but not readable yet belong to transactions that began
				// before one still running: look again after the gathering wait alone.
				if (!round.behind() && !waiter.await(this.settings.pollEvery())) {
					return;
				}
				pause = this.settings.batchWait();
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				failing = Backoff.after(failing, this.settings.pollEvery());
				pause = failing;
				log.warn("Feed reader {} could not apply its batch; trying again in {}", reader.name(), pause, ex);
			}
			if (!Backoff.sleep(pause)) {
				return;
			}
		}
	}

	/**
	 * One batch for the reader: how many events it applied (-1 when another node is
	 * applying its batch), and whether rows stored after its place remain.
	 */
	private Round round(PaymentFeedReader reader) {
		Round round = this.transactions.execute((status) -> {
			if (!AdvisoryLocks.tryForTransaction(this.jdbc, LOCK, reader.name().hashCode())) {
				return new Round(-1, false);
			}
			PaymentFeed.Batch batch = this.feed.next(this.feed.place(reader.name()), this.settings.batch());
			if (!batch.events().isEmpty()) {
				reader.apply(batch.events());
				this.feed.passed(reader.name(), batch);
			}
			boolean behind = batch.events().size() < this.settings.batch() && this.feed.after(batch.last());
			return new Round(batch.events().size(), behind);
		});
		return (round != null) ? round : new Round(0, false);
	}

	private record Round(int read, boolean behind) {
	}

}
