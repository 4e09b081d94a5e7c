package ke.malipo.payments.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import ke.malipo.common.database.JdbcTimes;
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

	private final io.micrometer.core.instrument.Timer callbackLag;

	PaymentStatisticsQueries(JdbcClient jdbc, io.micrometer.core.instrument.MeterRegistry meters) {
		this.jdbc = jdbc;
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
	public Optional<Instant> lastCallbackAt() {
		return Optional.ofNullable(this.lastCallback.get());
	}

	@Override
	public Outcomes outcomesSince(Instant since) {
		// By creation time, which an index serves; "no code" is kept apart from real
		// codes.
		java.util.Map<String, Integer> failed = new java.util.HashMap<>();
		int[] paid = { 0 };
		double[] seconds = { 0 };
		int[] ended = { 0 };
		this.jdbc.sql("""
				select state, coalesce(result_code, '') as code, count(*) as n,
				       sum(extract(epoch from updated_at - created_at)) as seconds
				  from payments.attempts
				 where created_at >= :since and state in ('PAID', 'FAILED')
				 group by state, coalesce(result_code, '')
				""").param("since", JdbcTimes.ts(since)).query((rs) -> {
			int n = rs.getInt("n");
			ended[0] += n;
			seconds[0] += rs.getDouble("seconds");
			if ("PAID".equals(rs.getString("state"))) {
				paid[0] += n;
			}
			else {
				String code = rs.getString("code").strip();
				failed.merge(code.isEmpty() ? "none" : code, n, Integer::sum);
			}
		});
		return new Outcomes(paid[0], failed, (ended[0] == 0) ? 0 : seconds[0] / ended[0]);
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
