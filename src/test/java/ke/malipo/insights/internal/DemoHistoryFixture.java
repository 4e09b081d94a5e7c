package ke.malipo.insights.internal;

import java.time.LocalDate;
import java.util.List;

import ke.malipo.identity.Psychologist;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives a test's own psychologist the sixteen weeks of synthetic history a local run
 * seeds for the demo ones, so pages with charts and a forecast can be looked at.
 */
public final class DemoHistoryFixture {

	private DemoHistoryFixture() {
	}

	/** Inserts the history up to the day before {@code today}; answers the rows added. */
	public static int seed(JdbcTemplate jdbc, Psychologist psychologist, LocalDate today) {
		return DemoHistorySeeder.insert(jdbc, DemoHistory.days(today.minusDays(Forecasts.HISTORY_DAYS),
				today.minusDays(1), List.of(psychologist), DemoHistorySeeder.SEED));
	}

}
