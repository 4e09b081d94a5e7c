package ke.malipo.common.ratelimit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sliding-window counters in PostgreSQL ({@code limits.events}). A limit is checked and
 * its event recorded under a transaction-scoped advisory lock per bucket (in
 * {@code limits.try_acquire}), so nodes that share the database share every limit and
 * never both slip under it.
 */
@Component
public class RateLimits {

	/** No window is longer; older events are purged. */
	static final Duration LONGEST = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	RateLimits(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Counts an event against every limit if none is reached; otherwise counts nothing
	 * and says how long until the first event leaves the fullest window. Joins the
	 * caller's transaction: if the caller's work fails, the event is not counted, and the
	 * bucket stays locked until the caller commits, so concurrent callers queue.
	 * @return empty when the event was allowed (and counted)
	 */
	@Transactional
	public Optional<Duration> tryAcquire(List<Limit> limits) {
		if (limits.isEmpty()) {
			return Optional.empty();
		}
		// One round trip (limits.try_acquire, V14): this sits in the payment's own
		// transaction.
		String[] buckets = limits.stream().map(Limit::bucket).toArray(String[]::new);
		Integer[] maxes = limits.stream().map(Limit::max).toArray(Integer[]::new);
		Double[] windows = limits.stream().map((limit) -> limit.window().toMillis() / 1000.0).toArray(Double[]::new);
		return this.jdbc.sql("select extract(epoch from limits.try_acquire(?, ?, ?, ?)) as seconds")
			.params(buckets, maxes, windows, Timestamp.from(this.clock.instant()))
			.query((rs, row) -> {
				double seconds = rs.getDouble("seconds");
				return rs.wasNull() ? Optional.<Duration>empty()
						: Optional.of(Duration.ofMillis(Math.max(0, Math.round(seconds * 1000))));
			})
			.single();
	}

	/** The events of a bucket within a window, oldest and newest. */
	@Transactional(readOnly = true)
	public Window window(String bucket, Duration window) {
		Instant since = this.clock.instant().minus(window);
		return this.jdbc
			.sql("select count(*) as n, min(at) as oldest, max(at) as newest from limits.events "
					+ "where bucket = :bucket and at > :since")
			.param("bucket", bucket)
			.param("since", Timestamp.from(since))
			.query((rs, row) -> new Window(rs.getInt("n"), instant(rs.getTimestamp("oldest")),
					instant(rs.getTimestamp("newest"))))
			.single();
	}

	/** Counts one event now, whatever the limits. */
	@Transactional
	public void record(String bucket) {
		insert(bucket, this.clock.instant());
	}

	/** Forgets a bucket's events (e.g. failures, after a success). */
	@Transactional
	public void clear(String bucket) {
		this.jdbc.sql("delete from limits.events where bucket = :bucket").param("bucket", bucket).update();
	}

	@Scheduled(fixedDelayString = "${malipo.limits.purge-interval:10m}", initialDelayString = "1m")
	void purge() {
		this.jdbc.sql("delete from limits.events where at < :before")
			.param("before", Timestamp.from(this.clock.instant().minus(LONGEST)))
			.update();
	}

	private void insert(String bucket, Instant at) {
		this.jdbc.sql("insert into limits.events (bucket, at) values (:bucket, :at)")
			.param("bucket", bucket)
			.param("at", Timestamp.from(at))
			.update();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** How many events a bucket holds in a window, and when the first and last were. */
	public record Window(int count, @Nullable Instant oldest, @Nullable Instant newest) {
	}

}
