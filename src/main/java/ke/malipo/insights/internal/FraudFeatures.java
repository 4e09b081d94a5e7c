package ke.malipo.insights.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

import ke.malipo.common.time.Eat;
import org.jspecify.annotations.Nullable;

/**
 * What is known about a payment when it is judged, each looking back from the moment it
 * was started: how its amount compares with what this psychologist is usually paid, the
 * hour, how busy its phone has been, how often its client failed to pay, how many clients
 * its phone has paid for, and whether M-Pesa's money disagreed with what was asked.
 *
 * @param usualAmount the median of this psychologist's paid amounts over 90 days, or null
 * @param phoneLastHour attempts from the same phone in the hour before
 * @param clientFailuresDay failed attempts of the same client in the day before
 * @param phoneClients distinct clients the phone was used for in 30 days, this one
 * included
 * @param outcome what payments said of it (a review's reason names a mismatch)
 */
record FraudFeatures(UUID payment, long amount, @Nullable Double usualAmount, Instant startedAt, long phoneLastHour,
		long clientFailuresDay, long phoneClients, String state, @Nullable String outcome) {

	/** The model's inputs, in the order {@link #vector()} gives them. */
	static final String[] NAMES = { "amount-vs-usual", "hour-sin", "hour-cos", "phone-last-hour", "client-failures-day",
			"other-clients-of-phone" };

	/**
	 * Every payment's features, looking back from its own start; {@code where} selects
	 * the payments (over {@code p}, the payments table), each lookup served by an index.
	 */
	static String query(String where) {
		return """
				select p.payment_id, p.amount, p.created_at, p.state, p.outcome,
				  (select percentile_cont(0.5) within group (order by q.amount) from insights.payments q
				    where q.psychologist_id = p.psychologist_id and q.state = 'PAID'
				      and q.created_at < p.created_at and q.created_at >= p.created_at - interval '90 days') as usual_amount,
				  (select count(*) from insights.payments q where q.phone = p.phone
				      and q.created_at < p.created_at and q.created_at >= p.created_at - interval '1 hour') as phone_last_hour,
				  (select count(*) from insights.payments q where q.client_id = p.client_id and q.state = 'FAILED'
				      and q.created_at < p.created_at and q.created_at >= p.created_at - interval '24 hours') as client_failures_day,
				  (select count(distinct q.client_id) from insights.payments q where q.phone = p.phone
				      and q.created_at <= p.created_at and q.created_at >= p.created_at - interval '30 days') as phone_clients
				  from insights.payments p
				 where %s
				"""
			.formatted(where);
	}

	static FraudFeatures read(java.sql.ResultSet rs) throws java.sql.SQLException {
		double median = rs.getDouble("usual_amount");
		// Read at once: wasNull speaks of the last column read.
		Double usual = rs.wasNull() ? null : median;
		return new FraudFeatures(rs.getObject("payment_id", UUID.class), rs.getLong("amount"), usual,
				ke.malipo.common.database.JdbcTimes.requiredInstant(rs, "created_at"), rs.getLong("phone_last_hour"),
				rs.getLong("client_failures_day"), rs.getLong("phone_clients"), rs.getString("state"),
				rs.getString("outcome"));
	}

	/** The hour of day it was started, East Africa Time, with minutes as a fraction. */
	double hour() {
		LocalTime time = LocalTime.ofInstant(this.startedAt, Eat.ZONE);
		return time.getHour() + time.getMinute() / 60.0;
	}

	/** The model's inputs: logarithms where counts grow, the hour on a circle. */
	double[] vector() {
		double angle = 2 * Math.PI * hour() / 24;
		return new double[] { (this.usualAmount == null) ? 0 : Math.log(this.amount / this.usualAmount),
				Math.sin(angle), Math.cos(angle), Math.log1p(this.phoneLastHour), Math.log1p(this.clientFailuresDay),
				Math.log1p(Math.max(0, this.phoneClients - 1)) };
	}

}
