package ke.malipo.insights.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ke.malipo.common.time.Eat;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * The next weeks' paid bookings and revenue, forecast from the last sixteen weeks of paid
 * payments by day (weekdays and weekends differ, so the season is a week), each week with
 * an 80% band. Today is not history yet (its day is not over); the forecast starts with
 * it. Fewer than two weeks of history forecast nothing rather than something made up.
 */
@Component
public class Forecasts {

	/** Days of history read: sixteen weeks. */
	static final int HISTORY_DAYS = 112;

	static final int SEASON = 7;

	/** Weeks that happened shown before the forecast ones. */
	static final int RECENT_WEEKS = 8;

	/** A normal variable lies within ±1.2816 standard errors 80% of the time. */
	static final double Z80 = 1.2816;

	/**
	 * The model's errors are measured on the days it was fitted to, so they run small: on
	 * the demo history's backtest (BENCHMARKS.md) the plain ±1.28 band held 70–77% of
	 * weeks; widened by a quarter, 75–92% (about eight in ten). Re-run the backtest on
	 * real history before trusting the band's promise there.
	 */
	static final double IN_SAMPLE_WIDENING = 1.25;

	private final JdbcClient jdbc;

	private final Clock clock;

	Forecasts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The forecast of {@code weeks} weeks from today, for everyone or one psychologist.
	 */
	public Forecast next(int weeks, @Nullable UserId psychologist) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Eat.ZONE);
		LocalDate first = today.minusDays(HISTORY_DAYS);
		double[] bookings = new double[HISTORY_DAYS];
		double[] revenue = new double[HISTORY_DAYS];
		Map<String, Object> params = new HashMap<>();
		params.put("from", ts(first.atStartOfDay(Eat.ZONE).toInstant()));
		params.put("until", ts(today.atStartOfDay(Eat.ZONE).toInstant()));
		if (psychologist != null) {
			params.put("psychologist", psychologist.value());
		}
		this.jdbc.sql("""
				select (created_at at time zone 'Africa/Nairobi')::date as day, count(*) as paid, sum(amount) as value
				  from insights.payments
				 where state = 'PAID' and created_at >= :from and created_at < :until %s
				 group by 1
				""".formatted((psychologist != null) ? "and psychologist_id = :psychologist" : ""))
			.params(params)
			.query((rs, n) -> {
				int index = (int) java.time.temporal.ChronoUnit.DAYS.between(first,
						rs.getObject("day", LocalDate.class));
				bookings[index] = rs.getLong("paid");
				revenue[index] = rs.getLong("value");
				return index;
			})
			.list();
		return of(trimmed(bookings), trimmed(revenue), today, weeks);
	}

	/**
	 * The forecast from daily histories ending yesterday (pure; the backtest calls it
	 * directly). Leading days before the first payment are not history: a platform that
	 * started a month ago has a month of it.
	 */
	static Forecast of(double[] bookings, double[] revenue, LocalDate today, int weeks) {
		int length = Math.min(bookings.length, revenue.length);
		List<Actual> recent = new ArrayList<>();
		for (int block = Math.min(RECENT_WEEKS, length / SEASON); block >= 1; block--) {
			int from = length - block * SEASON;
			recent.add(new Actual(today.minusDays((long) block * SEASON), sum(bookings, from), sum(revenue, from)));
		}
		if (!HoltWinters.fits(length, SEASON)) {
			return new Forecast(length, List.of(), recent);
		}
		int days = weeks * SEASON;
		HoltWinters.Result count = HoltWinters.fit(bookings, SEASON).forecast(bookings, days, SEASON);
		HoltWinters.Result money = HoltWinters.fit(revenue, SEASON).forecast(revenue, days, SEASON);
		List<Week> out = new ArrayList<>();
		for (int week = 0; week < weeks; week++) {
			out.add(new Week(today.plusDays((long) week * SEASON),
					Band.of(sum(count.values(), week * SEASON), Z80 * IN_SAMPLE_WIDENING * count.blockErrors()[week]),
					Band.of(sum(money.values(), week * SEASON), Z80 * IN_SAMPLE_WIDENING * money.blockErrors()[week])));
		}
		return new Forecast(length, out, recent);
	}

	private static double[] trimmed(double[] series) {
		int start = 0;
		while (start < series.length && series[start] == 0) {
			start++;
		}
		return java.util.Arrays.copyOfRange(series, start, series.length);
	}

	/** The seven values from {@code from} (an index into a series). */
	private static double sum(double[] values, int from) {
		double sum = 0;
		for (int d = from; d < from + SEASON; d++) {
			sum += values[d];
		}
		return sum;
	}

	/**
	 * The weeks forecast, how many days of history they rest on, and the last weeks that
	 * happened (seven-day blocks ending yesterday), to show beside them.
	 */
	public record Forecast(int historyDays, List<Week> weeks, List<Actual> recent) {
	}

	/** Seven days that happened, from their first: paid bookings and KES. */
	public record Actual(LocalDate start, double bookings, double revenue) {
	}

	/** A week from its first day: paid bookings and KES revenue, each with its band. */
	public record Week(LocalDate start, Band bookings, Band revenue) {
	}

	/** A forecast value with its 80% band, never below zero. */
	public record Band(double expected, double low, double high) {

		static Band of(double expected, double halfWidth) {
			return new Band(expected, Math.max(0, expected - halfWidth), expected + halfWidth);
		}

	}

}
