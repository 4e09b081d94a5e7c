package ke.malipo.insights.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import ke.malipo.common.time.Eat;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the insights page and API show for one filter, read in one read-only
 * transaction so the figures agree with each other.
 */
@Component
public class Insights {

	/** The newest comments shown. */
	static final int COMMENTS = 10;

	/** The newest flagged payments shown. */
	static final int FLAGGED = 50;

	private final Trends trends;

	private final Forecasts forecasts;

	private final InsightsSettings settings;

	private final Clock clock;

	private final FraudSignals signals;

	Insights(Trends trends, Forecasts forecasts, InsightsSettings settings, Clock clock, FraudSignals signals) {
		this.signals = signals;
		this.trends = trends;
		this.forecasts = forecasts;
		this.settings = settings;
		this.clock = clock;
	}

	/** Reads the filter from request parameters (refusing what cannot be read). */
	public TrendFilter filter(@Nullable String from, @Nullable String to, @Nullable String by,
			@Nullable String psychologist) {
		return TrendFilter.read(from, to, by, psychologist, LocalDate.ofInstant(this.clock.instant(), Eat.ZONE));
	}

	@Transactional(readOnly = true)
	public Report report(TrendFilter filter) {
		List<Trends.Period> periods = this.trends.periods(filter);
		java.util.Map<LocalDate, Trends.Ratings> ratings = this.trends.ratings(filter);
		return new Report(filter, periods, Trends.total(periods, filter.from()), this.trends.byPsychologist(filter),
				this.trends.failureReasons(filter),
				this.forecasts.next(this.settings.forecastWeeks(), filter.psychologist()),
				periods.stream()
					.map((p) -> ratings.getOrDefault(p.start(), new Trends.Ratings(p.start(), 0, 0, 0, 0)))
					.toList(),
				Trends.Ratings.total(ratings.values(), filter.from()), this.trends.comments(filter, COMMENTS),
				this.trends.flagged(filter, FLAGGED), model());
	}

	/** One view's figures. */
	public record Report(TrendFilter filter, List<Trends.Period> periods, Trends.Period total,
			List<Trends.ByPsychologist> byPsychologist, List<Trends.FailureReason> failureReasons,
			Forecasts.Forecast forecast, List<Trends.Ratings> ratings, Trends.Ratings ratingsTotal,
			List<Trends.Comment> comments, List<Trends.Flagged> flagged, @Nullable ModelState model) {
	}

	/** The anomaly model in use: how many payments it learnt from, and when. */
	public record ModelState(int trainedOn, java.time.Instant trainedAt) {
	}

	private @Nullable ModelState model() {
		AnomalyModel model = this.signals.model();
		return (model == null) ? null : new ModelState(model.trainedOn(), model.trainedAt());
	}

}
