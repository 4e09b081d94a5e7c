package ke.malipo.benchmarks;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sampling profiler for PostgreSQL: every few milliseconds it reads which statements
 * the other backends are running and what each waits for (a lock, the disk, autovacuum's
 * deliberate pauses) or "on CPU", so the statements that hold the database longest show
 * up most often. Cheap enough to leave on during a measurement, and needs no extension.
 */
final class QuerySampler implements AutoCloseable {

	private final JdbcClient jdbc;

	private final Map<String, LongAdder> seen = new ConcurrentHashMap<>();

	private final LongAdder samples = new LongAdder();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	QuerySampler(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.thread = Thread.ofPlatform().daemon().name("query-sampler").start(this::sample);
	}

	private void sample() {
		while (this.running.get()) {
			this.jdbc.sql("""
					select coalesce(wait_event_type || ':' || wait_event, 'on CPU') || ' | '
					  || regexp_replace(left(query, 110), '\\s+', ' ', 'g') from pg_stat_activity
					 where state = 'active' and pid <> pg_backend_pid() and datname = current_database()""")
				.query(String.class)
				.list()
				.forEach((query) -> this.seen.computeIfAbsent(query, (q) -> new LongAdder()).increment());
			this.samples.increment();
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** The statements seen running most often, with how often per sample. */
	String top(int count) {
		long total = Math.max(1, this.samples.sum());
		return this.seen.entrySet()
			.stream()
			.sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
			.limit(count)
			.map((e) -> String.format(java.util.Locale.ROOT, "%5.1f%% %s", 100.0 * e.getValue().sum() / total,
					e.getKey()))
			.collect(Collectors.joining("\n", total + " samples; share of samples each statement was running in:\n",
					""));
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.thread.join();
	}

}
