package ke.malipo.insights.web;

import java.util.List;
import java.util.Locale;

import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.insights.internal.Forecasts;
import ke.malipo.insights.internal.Insights;
import ke.malipo.insights.internal.Trends;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The insights page's figures for programs: {@code GET /api/admin/insights} with the same
 * filter (from, to, by = day or week, psychologist), admins only. Money in whole
 * shillings; a rate is null when nothing in its period ended.
 */
@RestController
class InsightsController {

	private final Insights insights;

	InsightsController(Insights insights) {
		this.insights = insights;
	}

	@GetMapping("/api/admin/insights")
	Body insights(CurrentUser admin, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String by,
			@RequestParam(required = false) @Nullable String psychologist) {
		if (!admin.isAdmin()) {
			throw new ForbiddenException("Only admins can see insights.");
		}
		Insights.Report report = this.insights.report(this.insights.filter(from, to, by, psychologist));
		return new Body(report.filter().from().toString(), report.filter().to().toString(),
				report.filter().granularity().name().toLowerCase(Locale.ROOT),
				(report.filter().psychologist() != null) ? report.filter().psychologist().value().toString() : null,
				Figures.of(report.total()), report.periods().stream().map(Figures::of).toList(),
				report.byPsychologist()
					.stream()
					.map((p) -> new Psychologist(p.psychologist().value().toString(), p.name(),
							Figures.of(p.figures())))
					.toList(),
				report.failureReasons(), report.forecast());
	}

	record Body(String from, String to, String by, @Nullable String psychologist, Figures total, List<Figures> periods,
			List<Psychologist> byPsychologist, List<Trends.FailureReason> failureReasons, Forecasts.Forecast forecast) {
	}

	record Figures(String start, long started, long paid, long failed, long unsettled, long valueKes,
			@Nullable Double successRate) {

		static Figures of(Trends.Period period) {
			return new Figures(period.start().toString(), period.started(), period.paid(), period.failed(),
					period.unsettled(), period.value(), period.successRate());
		}

	}

	record Psychologist(String id, String name, Figures figures) {
	}

}
