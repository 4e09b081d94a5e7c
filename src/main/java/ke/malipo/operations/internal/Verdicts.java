package ke.malipo.operations.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ke.malipo.payments.PaymentStatistics.Outcomes;
import org.jspecify.annotations.Nullable;

/**
 * Which figures are past their thresholds, the same rules as ops/prometheus/alerts.yml's:
 * a pure function of the figures, so every rule is tested on its edges.
 */
final class Verdicts {

	private Verdicts() {
	}

	/** The figures judged. */
	record Figures(Outcomes outcomes, @Nullable Duration oldestUnresolved, boolean circuitOpen, int openProblems) {
	}

	/** One figure past its threshold. */
	record Verdict(String kind, String value, String threshold) {
	}

	static List<Verdict> of(Figures figures, OperationsSettings.Watch watch) {
		List<Verdict> found = new ArrayList<>();
		Outcomes outcomes = figures.outcomes();
		int ended = outcomes.ended();
		if (ended >= watch.minimumPayments()) {
			double completion = (double) outcomes.paid() / ended;
			if (completion < watch.completionAbove()) {
				found.add(new Verdict("COMPLETION_LOW", percent(completion), "> " + percent(watch.completionAbove())));
			}
			double errors = (double) failedNotByCustomer(outcomes) / ended;
			if (errors > watch.errorRateBelow()) {
				found.add(new Verdict("ERROR_RATE_HIGH", percent(errors), "< " + percent(watch.errorRateBelow())));
			}
			if (outcomes.averageSeconds() > watch.processingUnder().toSeconds()) {
				found.add(new Verdict("PROCESSING_SLOW", Math.round(outcomes.averageSeconds()) + " s",
						"< " + watch.processingUnder().toSeconds() + " s"));
			}
		}
		Duration oldest = figures.oldestUnresolved();
		if (oldest != null && oldest.compareTo(watch.unresolvedAfter()) > 0) {
			found.add(new Verdict("PAYMENT_UNRESOLVED", oldest.toMinutes() + " min",
					"< " + watch.unresolvedAfter().toMinutes() + " min"));
		}
		if (figures.circuitOpen()) {
			found.add(new Verdict("MPESA_CIRCUIT_OPEN", "open", "closed"));
		}
		if (figures.openProblems() > 0) {
			found.add(new Verdict("RECONCILIATION_OPEN", String.valueOf(figures.openProblems()), "0"));
		}
		return found;
	}

	/**
	 * Failures that are not the customer's doing: a cancelled prompt, a wrong PIN or too
	 * little money is not an error of ours or M-Pesa's.
	 */
	static int failedNotByCustomer(Outcomes outcomes) {
		return outcomes.failedByCode()
			.entrySet()
			.stream()
			.filter((failed) -> !CustomerCaused.failure(failed.getKey()))
			.mapToInt(java.util.Map.Entry::getValue)
			.sum();
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
	}

}
