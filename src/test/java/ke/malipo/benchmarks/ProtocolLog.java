package ke.malipo.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the round trips the PostgreSQL driver makes on the server's request threads,
 * from its own protocol log: each message batch it sends ends with a Sync and waits for
 * the answer, so Syncs are round trips. Background work (the feed's readers, schedulers)
 * runs on other threads and is not counted.
 */
final class ProtocolLog extends Handler implements AutoCloseable {

	private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

	private final AtomicInteger syncs = new AtomicInteger();

	private final Level before;

	private ProtocolLog() {
		this.before = DRIVER.getLevel();
		DRIVER.setLevel(Level.FINEST);
		DRIVER.addHandler(this);
	}

	/** Starts counting; {@link #close()} stops. */
	static ProtocolLog start() {
		return new ProtocolLog();
	}

	int roundTrips() {
		return this.syncs.get();
	}

	@Override
	public void publish(LogRecord record) {
		String message = record.getMessage();
		if (message != null && message.strip().equals("FE=> Sync")
				&& Thread.currentThread().getName().startsWith("tomcat-handler")) {
			this.syncs.incrementAndGet();
		}
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		DRIVER.removeHandler(this);
		DRIVER.setLevel(this.before);
	}

}
