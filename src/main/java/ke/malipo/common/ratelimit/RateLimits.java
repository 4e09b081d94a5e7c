package ke.malipo.common.ratelimit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sliding-window counters in PostgreSQL ({@code limits.events}). A limit is checked and
 * its event recorded under a transaction-scoped advisory lock per bucket, so nodes that
 * share the database share every limit and never both slip under it.
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
		Instant now = this.clock.instant();
		// Locks in a fixed order, so two callers with overlapping buckets cannot
		// deadlock.
		limits.stream().map(Limit::bucket).distinct().sorted().forEach(this::lock);
		Optional<Duration> wait = limits.stream()
			.map((limit) -> waitFor(limit, now))
			.flatMap(Optional::stream)
			.max(Comparator.naturalOrder());
		if (wait.isEmpty()) {
			limits.stream().map(Limit::bucket).distinct().forEach((bucket) -> insert(bucket, now));
		}
		return wait;
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

	private Optional<Duration> waitFor(Limit limit, Instant now) {
		List<Instant> recent = this.jdbc
			.sql("select at from limits.events where bucket = :bucket and at > :since order by at desc limit :max")
			.param("bucket", limit.bucket())
			.param("since", Timestamp.from(now.minus(limit.window())))
			.param("max", limit.max())
			.query((rs, row) -> rs.getTimestamp("at").toInstant())
			.list();
		if (recent.size() < limit.max()) {
			return Optional.empty();
		}
		// The window is full until its oldest counted event leaves it.
		Instant oldest = recent.get(recent.size() - 1);
		Duration wait = Duration.between(now, oldest.plus(limit.window()));
		return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
	}

	private void lock(String bucket) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:bucket, 0))")
			.param("bucket", bucket)
			.query((rs, row) -> 1)
			.single();
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
