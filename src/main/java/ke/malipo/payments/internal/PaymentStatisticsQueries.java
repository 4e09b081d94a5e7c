package ke.malipo.payments.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import ke.malipo.common.database.JdbcTimes;
import ke.malipo.payments.PaymentFeedReader;
import ke.malipo.payments.PaymentStatistics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link PaymentStatistics} from the attempts table (two indexed questions) and, for
 * callbacks, from memory: counting them in the database would add a write or an index to
 * the busiest path there is.
 */
@Component
class PaymentStatisticsQueries implements PaymentStatistics {

	private final JdbcClient jdbc;

	private final AtomicReference<Instant> lastCallback = new AtomicReference<>();

	private final List<String> readers;

	private final io.micrometer.core.instrument.Timer callbackLag;

	PaymentStatisticsQueries(JdbcClient jdbc, io.micrometer.core.instrument.MeterRegistry meters,
			List<PaymentFeedReader> readers) {
		this.jdbc = jdbc;
		this.readers = readers.stream().map(PaymentFeedReader::name).sorted().toList();
		this.callbackLag = io.micrometer.core.instrument.Timer.builder("malipo.mpesa.callback.lag")
			.description("From M-Pesa's TransactionDate of a payment to its callback reaching us")
			.serviceLevelObjectives(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5),
					java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(1),
					java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(30))
			.register(meters);
	}

	@Override
	public Optional<Instant> oldestUnresolvedSince() {
		return this.jdbc.sql("""
				select min(created_at) as oldest from payments.attempts
				 where state in ('INITIATED', 'AWAITING_CUSTOMER', 'UNKNOWN', 'NEEDS_REVIEW')
				""").query((rs, row) -> Optional.ofNullable(JdbcTimes.instant(rs, "oldest"))).single();
	}

	@Override
	public int queued() {
		return this.jdbc.sql("select count(*) from payments.attempts where queued").query(Integer.class).single();
	}

	@Override
	public List<String> feedReaders() {
		return this.readers;
	}

	@Override
	public Map<String, Optional<Instant>> feedUnreadSince() {
		// Each reader's first row after its place, in the index's order: one row each.
		Map<String, Optional<Instant>> unread = new TreeMap<>();
		this.readers.forEach((name) -> unread.put(name, Optional.empty()));
		this.jdbc.sql("""
				select r.name, (select f.recorded_at from payments.feed f where (f.tx, f.position) > (r.tx, r.position)
				                 order by f.tx, f.position limit 1) as since
				  from payments.feed_readers r
				""").query((rs) -> {
			unread.put(rs.getString("name"), Optional.ofNullable(JdbcTimes.instant(rs, "since")));
		});
		return unread;
	}

	@Override
	public Optional<Instant> lastCallbackAt() {
		return Optional.ofNullable(this.lastCallback.get());
	}

	@Override
	public Outcomes outcomesSince(Instant since) {
		// By creation time, which an index serves; "none" stands for no code at all.
		List<Group> groups = this.jdbc.sql("""
				select state = 'PAID' as paid, coalesce(nullif(trim(result_code), ''), 'none') as code,
				       count(*) as n, sum(extract(epoch from updated_at - created_at)) as seconds
				  from payments.attempts
				 where created_at >= :since and state in ('PAID', 'FAILED')
				 group by 1, 2
				""")
			.param("since", JdbcTimes.ts(since))
			.query((rs, row) -> new Group(rs.getBoolean("paid"), rs.getString("code"), rs.getInt("n"),
					rs.getDouble("seconds")))
			.list();
		int ended = groups.stream().mapToInt(Group::count).sum();
		double seconds = groups.stream().mapToDouble(Group::seconds).sum();
		return new Outcomes(groups.stream().filter(Group::paid).mapToInt(Group::count).sum(),
				groups.stream()
					.filter((group) -> !group.paid())
					.collect(Collectors.toMap(Group::code, Group::count, Integer::sum)),
				(ended == 0) ? 0 : seconds / ended);
	}

	/** Ended payments of one state and code. */
	private record Group(boolean paid, String code, int count, double seconds) {
	}

	/**
	 * A callback was authenticated and stored at this moment; a payment's callback says
	 * when M-Pesa completed it (to the second, its clock), which gives the callback's
	 * lag.
	 */
	void callbackStored(Instant at, @org.jspecify.annotations.Nullable Instant transactionAt) {
		this.lastCallback.accumulateAndGet(at, (old, now) -> (old == null || now.isAfter(old)) ? now : old);
		if (transactionAt != null) {
			java.time.Duration lag = java.time.Duration.between(transactionAt, at);
			this.callbackLag.record(lag.isNegative() ? java.time.Duration.ZERO : lag);
		}
	}

}
