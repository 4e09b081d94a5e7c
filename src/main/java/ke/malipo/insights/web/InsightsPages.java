package ke.malipo.insights.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ke.malipo.common.money.Kes;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.pages.PageWords;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.insights.internal.Forecasts;
import ke.malipo.insights.internal.Insights;
import ke.malipo.insights.internal.TrendFilter;
import ke.malipo.insights.internal.Trends;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The insights page for admins: a period by day or week, for everyone or one
 * psychologist; its KES total, money paid and payments with their success rate as charts,
 * the forecast of the next weeks with its band, failure reasons and each psychologist's
 * figures. A filter that cannot be read is said beside the form.
 */
@PageController
class InsightsPages {

	private final Insights insights;

	private final PageWords words;

	private final UserDirectory directory;

	InsightsPages(Insights insights, PageWords words, UserDirectory directory) {
		this.insights = insights;
		this.words = words;
		this.directory = directory;
	}

	@GetMapping("/admin/insights")
	String page(CurrentUser admin, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String by,
			@RequestParam(required = false) @Nullable String psychologist, Model model) {
		if (!admin.isAdmin()) {
			throw new ForbiddenException("Only admins can see insights.");
		}
		model.addAttribute("psychologists", this.directory.psychologists());
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("by", (by != null) ? by.toLowerCase(Locale.ROOT) : "day");
		model.addAttribute("psychologist", psychologist);
		try {
			TrendFilter filter = this.insights.filter(from, to, by, psychologist);
			Insights.Report report = this.insights.report(filter);
			model.addAttribute("from", filter.from().toString());
			model.addAttribute("to", filter.to().toString());
			model.addAttribute("by", filter.granularity().name().toLowerCase(Locale.ROOT));
			view(report, model);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		return "admin/insights";
	}

	private void view(Insights.Report report, Model model) {
		boolean weeks = report.filter().granularity() == TrendFilter.Granularity.WEEK;
		DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM", LocaleContextHolder.getLocale());
		List<Chart.Column> money = new ArrayList<>();
		List<Chart.Column> volume = new ArrayList<>();
		List<Row> rows = new ArrayList<>();
		for (Trends.Period period : report.periods()) {
			String label = period.start().format(day);
			money.add(Chart.Column.actual(label, period.value(), null));
			volume.add(Chart.Column.actual(label, period.started(), period.successRate()));
			rows.add(Row.of(label, period));
		}
		model.addAttribute("total", Row.of(this.words.text("insights.total"), report.total()));
		model.addAttribute("rows", rows);
		model.addAttribute("moneyChart",
				Chart.of("money-chart", this.words.text(weeks ? "insights.moneyByWeek" : "insights.moneyByDay"), money,
						InsightsPages::compact, (v) -> Kes.of(Math.round(v)).display(), false));
		model.addAttribute("volumeChart",
				Chart.of("volume-chart", this.words.text(weeks ? "insights.volumeByWeek" : "insights.volumeByDay"),
						volume, InsightsPages::count, InsightsPages::count, true));
		model.addAttribute("reasons", report.failureReasons());
		model.addAttribute("people",
				report.byPsychologist()
					.stream()
					.map((p) -> new Person(p.psychologist().value().toString(), Row.of(p.name(), p.figures())))
					.toList());
		forecast(report.forecast(), day, model);
		ratings(report, day, model);
		Insights.ModelState state = report.model();
		model.addAttribute("modelState", (state == null) ? this.words.text("insights.modelNone")
				: this.words.text("insights.modelTrained", state.trainedOn(), PageWords.when(state.trainedAt())));
		model.addAttribute("flagged",
				report.flagged()
					.stream()
					.map((f) -> new FlaggedRow(f.payment().toString(), PageWords.when(f.startedAt()),
							Kes.of(f.amount()).display(), f.score(),
							String.join(", ", f.reasons().stream().map((r) -> this.words.text("fraud." + r)).toList())))
					.toList());
	}

	/** Clients' ratings of paying as columns beside each period's success rate. */
	private void ratings(Insights.Report report, DateTimeFormatter day, Model model) {
		List<Chart.Column> columns = new ArrayList<>();
		for (int i = 0; i < report.periods().size(); i++) {
			Trends.Period period = report.periods().get(i);
			Trends.Ratings ratings = report.ratings().get(i);
			columns.add(Chart.Column.actual(period.start().format(day), ratings.clientAverage(), period.successRate()));
		}
		model.addAttribute("ratingsChart", Chart.of("ratings-chart", this.words.text("insights.ratingsChart"), columns,
				InsightsPages::count, InsightsPages::count, true, 5));
		Trends.Ratings total = report.ratingsTotal();
		model.addAttribute("clientRating", (total.clients() == 0) ? this.words.text("insights.noRatings")
				: this.words.text("insights.ratingOf", trim(total.clientAverage()), total.clients()));
		model.addAttribute("clarityRating", (total.psychologists() == 0) ? this.words.text("insights.noRatings")
				: this.words.text("insights.ratingOf", trim(total.psychologistAverage()), total.psychologists()));
		model.addAttribute("comments", report.comments()
			.stream()
			.map((c) -> new Said(PageWords.when(c.at()),
					this.words.text(c.role().equals("CLIENT") ? "insights.byClient" : "insights.byPsychologistRole"),
					c.score(), c.text()))
			.toList());
	}

	private void forecast(Forecasts.Forecast forecast, DateTimeFormatter day, Model model) {
		model.addAttribute("historyDays", forecast.historyDays());
		if (forecast.weeks().isEmpty()) {
			return;
		}
		List<Chart.Column> bookings = new ArrayList<>();
		List<Chart.Column> revenue = new ArrayList<>();
		for (Forecasts.Actual actual : forecast.recent()) {
			bookings.add(Chart.Column.actual(actual.start().format(day), actual.bookings(), null));
			revenue.add(Chart.Column.actual(actual.start().format(day), actual.revenue(), null));
		}
		List<Ahead> weeks = new ArrayList<>();
		for (Forecasts.Week week : forecast.weeks()) {
			String label = week.start().format(day);
			bookings.add(Chart.Column.forecast(label, week.bookings().expected(), week.bookings().low(),
					week.bookings().high()));
			revenue.add(Chart.Column.forecast(label, week.revenue().expected(), week.revenue().low(),
					week.revenue().high()));
			weeks.add(Ahead.of(week.start(), week.start().plusDays(6), day, week));
		}
		model.addAttribute("forecastWeeks", weeks);
		model.addAttribute("bookingsChart", Chart.of("bookings-chart", this.words.text("insights.bookingsForecast"),
				bookings, InsightsPages::count, InsightsPages::count, false));
		model.addAttribute("revenueChart", Chart.of("revenue-chart", this.words.text("insights.revenueForecast"),
				revenue, InsightsPages::compact, (v) -> Kes.of(Math.round(v)).display(), false));
	}

	/** KES on an axis: 950, 12k, 1.2M. */
	static String compact(double value) {
		if (value >= 1_000_000) {
			return trim(value / 1_000_000) + "M";
		}
		if (value >= 1_000) {
			return trim(value / 1_000) + "k";
		}
		return trim(value);
	}

	static String count(double value) {
		return trim(value);
	}

	private static String trim(double value) {
		return (Math.abs(value - Math.rint(value)) < 0.05) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%,.1f", value);
	}

	/**
	 * A comment as the page shows it: when, by whom (a role, never a name), score, words.
	 */
	record Said(String when, String by, int score, String text) {
	}

	/** A flagged payment as the page lists it. */
	record FlaggedRow(String id, String when, String amount, int score, String reasons) {
	}

	/**
	 * One period's (or the total's, or a psychologist's) figures as the page writes them.
	 */
	record Row(String label, long started, long paid, long failed, long unsettled, String value, String rate) {

		static Row of(String label, Trends.Period period) {
			Double rate = period.successRate();
			return new Row(label, period.started(), period.paid(), period.failed(), period.unsettled(),
					Kes.of(period.value()).display(),
					(rate == null) ? "–" : String.format(Locale.ROOT, "%.1f%%", rate * 100));
		}

	}

	/** A psychologist's row, with their id for narrowing the view to them. */
	record Person(String id, Row figures) {
	}

	/** A week ahead: its days and both forecasts with their bands. */
	record Ahead(String days, String bookings, String bookingsBand, String revenue, String revenueBand) {

		static Ahead of(LocalDate first, LocalDate last, DateTimeFormatter day, Forecasts.Week week) {
			return new Ahead(first.format(day) + " – " + last.format(day), count(week.bookings().expected()),
					count(week.bookings().low()) + " – " + count(week.bookings().high()),
					Kes.of(Math.round(week.revenue().expected())).display(),
					Kes.of(Math.round(week.revenue().low())).display() + " – "
							+ Kes.of(Math.round(week.revenue().high())).display());
		}

	}

}
