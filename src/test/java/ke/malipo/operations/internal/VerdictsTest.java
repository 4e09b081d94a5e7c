package ke.malipo.operations.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ke.malipo.payments.PaymentStatistics.Outcomes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * The in-app alerts' rules (issue 15), the same as ops/prometheus/alerts.yml's: each on
 * its edges, and completion as a property over any mix of outcomes.
 */
class VerdictsTest {

	private static final OperationsSettings.Watch WATCH = new OperationsSettings.Watch(Duration.ofMinutes(5),
			Duration.ofHours(1), 20, 0.95, 0.02, Duration.ofSeconds(60), Duration.ofHours(1));

	private static List<String> kinds(Outcomes outcomes) {
		return kinds(new Verdicts.Figures(outcomes, null, false, 0));
	}

	private static List<String> kinds(Verdicts.Figures figures) {
		return Verdicts.of(figures, WATCH).stream().map(Verdicts.Verdict::kind).toList();
	}

	@Test
	void customersDecliningLowersCompletionButIsNoError() {
		// 18 paid, 2 cancelled by the customer: 90% completion, 0% errors.
		assertThat(kinds(new Outcomes(18, Map.of("1032", 2), 12))).containsExactly("COMPLETION_LOW");
		// 97 paid, 3 failed with no code (settled by hand) or a system code: 3% errors.
		assertThat(kinds(new Outcomes(97, Map.of("none", 2, "1025", 1), 12))).containsExactly("ERROR_RATE_HIGH");
		// Exactly at the thresholds: 95% paid, 2% errors, 60 s: nothing.
		assertThat(kinds(new Outcomes(95, Map.of("none", 2, "1032", 3), 60))).isEmpty();
	}

	@Test
	void fewPaymentsSayNothingAboutRatesButTheRestStillCounts() {
		assertThat(kinds(new Outcomes(1, Map.of("none", 18), 300))).as("19 ended, fewer than 20").isEmpty();
		assertThat(kinds(new Verdicts.Figures(new Outcomes(0, Map.of(), 0), Duration.ofMinutes(61), true, 3)))
			.containsExactly("PAYMENT_UNRESOLVED", "MPESA_CIRCUIT_OPEN", "RECONCILIATION_OPEN");
		assertThat(kinds(new Verdicts.Figures(new Outcomes(0, Map.of(), 0), Duration.ofMinutes(60), false, 0)))
			.as("an hour exactly is not over an hour")
			.isEmpty();
		List<Verdicts.Verdict> slow = Verdicts
			.of(new Verdicts.Figures(new Outcomes(20, Map.of(), 74.4), null, false, 0), WATCH);
		assertThat(slow).containsExactly(new Verdicts.Verdict("PROCESSING_SLOW", "74 s", "< 60 s"));
	}

	@Test
	void completionAlertsExactlyWhenEnoughPaymentsEndAndTooFewArePaid() {
		qt().withExamples(500)
			.withFixedSeed(1515L)
			.forAll(integers().between(0, 200), integers().between(0, 40), integers().between(0, 40))
			.checkAssert((paid, declined, failed) -> {
				int ended = paid + declined + failed;
				boolean expected = ended >= 20 && (double) paid / ended < 0.95;
				assertThat(kinds(new Outcomes(paid, Map.of("2001", declined, "none", failed), 10))
					.contains("COMPLETION_LOW")).as("%d paid, %d declined, %d failed", paid, declined, failed)
					.isEqualTo(expected);
			});
	}

}
