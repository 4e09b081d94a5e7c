package ke.malipo.insights.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.money.Kes;
import ke.malipo.identity.Psychologist;
import ke.malipo.identity.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forecast's backtest on the demo history (issue 15, BENCHMARKS.md): for each of five
 * seeds and each of eight origins (the last eight Mondays of 36 weeks of synthetic
 * history for three psychologists), the forecast is made from the 112 days before the
 * origin and compared week by week with what the history holds after it. Reported per
 * horizon: the mean absolute percentage error of paid bookings and revenue, beside the
 * naive forecast "as many as the last seven days" that any forecast must beat, and how
 * often the 80% band held the outcome.
 *
 * <p>
 * {@code ./mvnw -Pbenchmarks test -Dtest=ForecastBacktestBenchmark}
 */
class ForecastBacktestBenchmark {

	private static final int WEEKS = 4;

	@Test
	void backtestOnTheDemoHistory() {
		List<Psychologist> people = List.of(psychologist(1, 1500), psychologist(2, 2000), psychologist(3, 3500));
		LocalDate end = LocalDate.of(2026, 11, 30);
		LocalDate start = end.minusWeeks(36);
		double[][] bookingError = new double[WEEKS][2];
		double[][] revenueError = new double[WEEKS][2];
		int[] held = new int[WEEKS];
		int[] heldRevenue = new int[WEEKS];
		int cases = 0;
		for (long seed = 1; seed <= 5; seed++) {
			double[][] series = daily(DemoHistory.days(start, end.minusDays(1), people, seed), start, end);
			for (int origin = 0; origin < 8; origin++) {
				int today = series[0].length - (origin + WEEKS) * 7;
				double[] bookings = java.util.Arrays.copyOfRange(series[0], today - Forecasts.HISTORY_DAYS, today);
				double[] revenue = java.util.Arrays.copyOfRange(series[1], today - Forecasts.HISTORY_DAYS, today);
				Forecasts.Forecast forecast = Forecasts.of(bookings, revenue, start.plusDays(today), WEEKS);
				double naiveBookings = sum(series[0], today - 7);
				double naiveRevenue = sum(series[1], today - 7);
				for (int w = 0; w < WEEKS; w++) {
					double actual = sum(series[0], today + w * 7);
					double actualRevenue = sum(series[1], today + w * 7);
					Forecasts.Week week = forecast.weeks().get(w);
					bookingError[w][0] += Math.abs(week.bookings().expected() - actual) / actual;
					bookingError[w][1] += Math.abs(naiveBookings - actual) / actual;
					revenueError[w][0] += Math.abs(week.revenue().expected() - actualRevenue) / actualRevenue;
					revenueError[w][1] += Math.abs(naiveRevenue - actualRevenue) / actualRevenue;
					held[w] += (actual >= week.bookings().low() && actual <= week.bookings().high()) ? 1 : 0;
					heldRevenue[w] += (actualRevenue >= week.revenue().low() && actualRevenue <= week.revenue().high())
							? 1 : 0;
				}
				cases++;
			}
		}
		List<String> lines = new ArrayList<>();
		lines.add("week ahead | bookings MAPE (naive) | revenue MAPE (naive) | 80% band held: bookings, revenue");
		for (int w = 0; w < WEEKS; w++) {
			lines.add("%d | %.1f%% (%.1f%%) | %.1f%% (%.1f%%) | %d%%, %d%%".formatted(w + 1,
					100 * bookingError[w][0] / cases, 100 * bookingError[w][1] / cases,
					100 * revenueError[w][0] / cases, 100 * revenueError[w][1] / cases, 100 * held[w] / cases,
					100 * heldRevenue[w] / cases));
		}
		System.out.println("Forecast backtest, " + cases + " origins:\n" + String.join("\n", lines));
		assertThat(cases).isEqualTo(40);
	}

	private static Psychologist psychologist(int n, long rate) {
		return new Psychologist(new UserId(new UUID(0, n)), "P" + n, Kes.of(rate));
	}

	private static double[][] daily(List<DemoHistory.Payment> payments, LocalDate start, LocalDate end) {
		int days = (int) java.time.temporal.ChronoUnit.DAYS.between(start, end);
		double[] bookings = new double[days];
		double[] revenue = new double[days];
		for (DemoHistory.Payment p : payments) {
			if (p.state().equals("PAID")) {
				int day = (int) java.time.temporal.ChronoUnit.DAYS.between(start,
						LocalDate.ofInstant(p.createdAt(), ke.malipo.common.time.Eat.ZONE));
				bookings[day]++;
				revenue[day] += p.amount();
			}
		}
		return new double[][] { bookings, revenue };
	}

	private static double sum(double[] values, int from) {
		double sum = 0;
		for (int d = from; d < from + 7; d++) {
			sum += values[d];
		}
		return sum;
	}

}
