package ke.malipo.insights.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.money.Kes;
import ke.malipo.identity.Psychologist;
import ke.malipo.identity.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The forecast's arithmetic: Holt-Winters follows a weekly pattern with a trend, its band
 * is measured from its own errors (none on a series without chance, wider for weeks
 * further ahead on one with it), and too little history forecasts nothing.
 */
class ForecastTest {

	private static final int[] WEEK = { 9, 11, 10, 10, 8, 4, 1 };

	@Test
	void aWeeklyPatternWithATrendIsFollowed() {
		double[] history = new double[140];
		for (int t = 0; t < history.length; t++) {
			history[t] = WEEK[t % 7] + 0.05 * t;
		}
		HoltWinters.Result result = HoltWinters.fit(history, 7).forecast(history, 14, 7);
		for (int h = 1; h <= 14; h++) {
			double truth = WEEK[(history.length + h - 1) % 7] + 0.05 * (history.length + h - 1);
			assertThat(result.values()[h - 1]).as("day %d ahead", h).isCloseTo(truth, within(0.5));
		}
		assertThat(result.blockErrors()).as("one error per week ahead").hasSize(2);
		assertThat(result.blockErrors()[0]).as("a series without chance is forecast almost exactly").isLessThan(1.5);
	}

	@Test
	void theBandWidensWithTheWeeksAheadAndNeverGoesBelowZero() {
		List<Psychologist> people = List.of(new Psychologist(
				new UserId(UUID.fromString("00000000-0000-0000-0000-000000000001")), "A", Kes.of(1500)));
		LocalDate today = LocalDate.of(2026, 11, 30);
		double[][] series = series(DemoHistory.days(today.minusDays(112), today.minusDays(1), people, 7), today);
		Forecasts.Forecast forecast = Forecasts.of(series[0], series[1], today, 4);
		assertThat(forecast.weeks()).hasSize(4);
		assertThat(forecast.recent()).hasSize(8);
		assertThat(forecast.weeks().get(0).start()).isEqualTo(today);
		double firstWidth = forecast.weeks().get(0).bookings().high() - forecast.weeks().get(0).bookings().expected();
		double lastWidth = forecast.weeks().get(3).bookings().high() - forecast.weeks().get(3).bookings().expected();
		assertThat(firstWidth).isPositive();
		assertThat(lastWidth).as("four weeks ahead is less certain than one").isGreaterThan(firstWidth);
		forecast.weeks().forEach((week) -> {
			assertThat(week.bookings().low()).isBetween(0.0, week.bookings().expected());
			assertThat(week.revenue().low()).isBetween(0.0, week.revenue().expected());
		});
	}

	@Test
	void lessThanTwoWeeksOfHistoryForecastsNothing() {
		assertThat(Forecasts.of(new double[13], new double[13], LocalDate.of(2026, 11, 30), 4).weeks()).isEmpty();
		assertThat(Forecasts.of(new double[14], new double[14], LocalDate.of(2026, 11, 30), 4).weeks()).hasSize(4);
	}

	@Test
	void demoHistoryIsTheSameWheneverADayIsDrawn() {
		List<Psychologist> people = List.of(new Psychologist(
				new UserId(UUID.fromString("00000000-0000-0000-0000-000000000002")), "B", Kes.of(2000)));
		LocalDate day = LocalDate.of(2026, 10, 7);
		assertThat(DemoHistory.days(day, day, people, 11)).isEqualTo(DemoHistory.days(day.minusDays(3), day, people, 11)
			.stream()
			.filter((p) -> !p.createdAt().isBefore(day.atStartOfDay(ke.malipo.common.time.Eat.ZONE).toInstant()))
			.toList());
	}

	/** Daily paid bookings and KES of synthetic history ending the day before today. */
	static double[][] series(List<DemoHistory.Payment> payments, LocalDate today) {
		double[] bookings = new double[112];
		double[] revenue = new double[112];
		for (DemoHistory.Payment p : payments) {
			if (p.state().equals("PAID")) {
				int day = (int) java.time.temporal.ChronoUnit.DAYS.between(today.minusDays(112),
						LocalDate.ofInstant(p.createdAt(), ke.malipo.common.time.Eat.ZONE));
				bookings[day]++;
				revenue[day] += p.amount();
			}
		}
		return new double[][] { bookings, revenue };
	}

}
