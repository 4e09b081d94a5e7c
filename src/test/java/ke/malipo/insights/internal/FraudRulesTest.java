package ke.malipo.insights.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import ke.malipo.common.time.Eat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fraud rules at their limits (each fires at its limit and not one below), their
 * weights against the line, and the anomaly model: trained on ordinary payments it lets
 * them pass (at most about nu of them flagged) and finds the ones unlike them.
 */
class FraudRulesTest {

	private static final InsightsSettings.Fraud LIMITS = new InsightsSettings.Fraud(3, 5, 3, 3, 0, 5, 2,
			java.time.Duration.ofHours(24), 90);

	@Test
	void eachRuleFiresAtItsLimitAndNotBelow() {
		assertThat(FraudRules.apply(ordinary(), LIMITS)).isEmpty();
		assertThat(FraudRules.apply(with(1500, 1500.0, 14, 0, 0, 3, "PAID", null), LIMITS))
			.containsExactly(FraudRules.Reason.SHARED_PHONE);
		assertThat(FraudRules.apply(with(1500, 1500.0, 14, 0, 0, 2, "PAID", null), LIMITS)).isEmpty();
		assertThat(FraudRules.apply(with(1500, 1500.0, 14, 4, 0, 1, "PAID", null), LIMITS))
			.as("the fifth attempt within an hour")
			.containsExactly(FraudRules.Reason.VELOCITY);
		assertThat(FraudRules.apply(with(1500, 1500.0, 14, 3, 0, 1, "PAID", null), LIMITS)).isEmpty();
		assertThat(FraudRules.apply(with(1500, 1500.0, 14, 0, 3, 1, "PAID", null), LIMITS))
			.containsExactly(FraudRules.Reason.REPEATED_FAILURES);
		assertThat(FraudRules.apply(with(4500, 1500.0, 14, 0, 0, 1, "PAID", null), LIMITS))
			.containsExactly(FraudRules.Reason.UNUSUAL_AMOUNT);
		assertThat(FraudRules.apply(with(500, 1500.0, 14, 0, 0, 1, "PAID", null), LIMITS))
			.containsExactly(FraudRules.Reason.UNUSUAL_AMOUNT);
		assertThat(FraudRules.apply(with(4499, 1500.0, 14, 0, 0, 1, "PAID", null), LIMITS)).isEmpty();
		assertThat(FraudRules.apply(with(4500, null, 14, 0, 0, 1, "PAID", null), LIMITS))
			.as("no history to compare with")
			.isEmpty();
		assertThat(FraudRules.apply(with(1500, 1500.0, 4, 0, 0, 1, "PAID", null), LIMITS))
			.containsExactly(FraudRules.Reason.UNUSUAL_HOUR);
		assertThat(FraudRules.apply(with(1500, 1500.0, 5, 0, 0, 1, "PAID", null), LIMITS)).isEmpty();
		assertThat(FraudRules.apply(
				with(1500, 1500.0, 14, 0, 0, 1, "NEEDS_REVIEW",
						"Money arrived (receipt X) but M-Pesa reports KES 1000 paid for a request of KES 1,500"),
				LIMITS))
			.containsExactly(FraudRules.Reason.AMOUNT_MISMATCH);
		assertThat(FraudRules.apply(with(1500, 1500.0, 14, 0, 0, 1, "NEEDS_REVIEW",
				"M-Pesa reports the payment from another number than the one prompted"), LIMITS))
			.containsExactly(FraudRules.Reason.PHONE_MISMATCH);
	}

	@Test
	void anOddHourAloneIsNotFlaggedButWithAnythingElseItIs() {
		assertThat(FraudRules.score(List.of(FraudRules.Reason.UNUSUAL_HOUR))).isLessThan(LIMITS.flagAt());
		assertThat(FraudRules.score(List.of(FraudRules.Reason.MODEL))).isLessThan(LIMITS.flagAt());
		assertThat(FraudRules.score(List.of(FraudRules.Reason.UNUSUAL_HOUR, FraudRules.Reason.MODEL)))
			.isEqualTo(LIMITS.flagAt());
		for (FraudRules.Reason reason : List.of(FraudRules.Reason.SHARED_PHONE, FraudRules.Reason.VELOCITY,
				FraudRules.Reason.REPEATED_FAILURES, FraudRules.Reason.UNUSUAL_AMOUNT,
				FraudRules.Reason.AMOUNT_MISMATCH, FraudRules.Reason.PHONE_MISMATCH)) {
			assertThat(FraudRules.score(List.of(reason))).as(reason.name()).isGreaterThanOrEqualTo(LIMITS.flagAt());
		}
	}

	@Test
	void theModelPassesOrdinaryPaymentsAndFindsTheOnesUnlikeThem() {
		SplittableRandom random = new SplittableRandom(42);
		List<double[]> history = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			history
				.add(with(1500, 1500.0, 8 + random.nextInt(13), random.nextInt(2), random.nextInt(2), 1, "PAID", null)
					.vector());
		}
		AnomalyModel model = AnomalyModel.train(history, Instant.parse("2026-11-30T12:00:00Z"));
		long flaggedOrdinary = history.stream().filter((row) -> model.judge(row).anomalous()).count();
		assertThat(flaggedOrdinary).as("ordinary payments the model flags").isLessThanOrEqualTo(600 * 5 / 100);
		assertThat(model.judge(with(1500, 1500.0, 13, 0, 0, 1, "PAID", null).vector()).anomalous()).isFalse();
		assertThat(model.judge(with(9000, 1500.0, 3, 6, 4, 5, "PAID", null).vector()).anomalous())
			.as("large, at 3 a.m., from a busy phone shared by five clients who keep failing")
			.isTrue();
		assertThat(model.trainedOn()).isEqualTo(600);
	}

	private static FraudFeatures ordinary() {
		return with(1500, 1500.0, 14, 0, 0, 1, "PAID", null);
	}

	private static FraudFeatures with(long amount, @Nullable Double usual, int hour, long phoneLastHour,
			long clientFailures, long phoneClients, String state, @Nullable String outcome) {
		Instant at = LocalDate.of(2026, 11, 30).atTime(LocalTime.of(hour, 10)).atZone(Eat.ZONE).toInstant();
		return new FraudFeatures(UUID.randomUUID(), amount, usual, at, phoneLastHour, clientFailures, phoneClients,
				state, outcome);
	}

}
