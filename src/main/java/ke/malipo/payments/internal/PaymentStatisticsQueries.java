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

	PaymentStatisticsQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	/** A callback was authenticated and stored at this moment. */
	void callbackStored(Instant at) {
		this.lastCallback.accumulateAndGet(at, (old, now) -> (old == null || now.isAfter(old)) ? now : old);
	}

}
