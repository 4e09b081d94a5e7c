package ke.malipo.insights.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules every payment is scored by, each with its weight; a payment whose weights add
 * up to the settings' line is flagged. Weights say how much a signal alone should worry a
 * finance admin: a mismatch of money is worth a look by itself, a payment at an odd hour
 * only with something else.
 */
final class FraudRules {

	private FraudRules() {
	}

	/** A reason a payment was scored, and its weight. */
	enum Reason {

		/** M-Pesa's amount differed from what was asked (the payment went to review). */
		AMOUNT_MISMATCH(3),
		/**
		 * M-Pesa's payer differed from the phone prompted (the payment went to review).
		 */
		PHONE_MISMATCH(2),
		/** One phone paying for several clients. */
		SHARED_PHONE(2),
		/** Many attempts from one phone within an hour. */
		VELOCITY(2),
		/** The client failed to pay several times within a day. */
		REPEATED_FAILURES(2),
		/** Far from what this psychologist is usually paid. */
		UNUSUAL_AMOUNT(2),
		/** Started in the small hours. */
		UNUSUAL_HOUR(1),
		/** Outside what the anomaly model learnt from history. */
		MODEL(1);

		final int weight;

		Reason(int weight) {
			this.weight = weight;
		}

	}

	/** The reasons the rules find (the model's is added by its caller). */
	static List<Reason> apply(FraudFeatures f, InsightsSettings.Fraud limits) {
		List<Reason> reasons = new ArrayList<>();
		String outcome = (f.outcome() == null) ? "" : f.outcome();
		if ("NEEDS_REVIEW".equals(f.state()) && outcome.contains("paid for a request of")) {
			reasons.add(Reason.AMOUNT_MISMATCH);
		}
		if ("NEEDS_REVIEW".equals(f.state()) && outcome.contains("from another number")) {
			reasons.add(Reason.PHONE_MISMATCH);
		}
		if (f.phoneClients() >= limits.clientsPerPhone()) {
			reasons.add(Reason.SHARED_PHONE);
		}
		if (f.phoneLastHour() + 1 >= limits.attemptsPerPhoneHour()) {
			reasons.add(Reason.VELOCITY);
		}
		if (f.clientFailuresDay() >= limits.failuresPerClientDay()) {
			reasons.add(Reason.REPEATED_FAILURES);
		}
		Double usual = f.usualAmount();
		if (usual != null
				&& (f.amount() >= usual * limits.amountFactor() || f.amount() * limits.amountFactor() <= usual)) {
			reasons.add(Reason.UNUSUAL_AMOUNT);
		}
		double hour = f.hour();
		if (hour >= limits.quietFrom() && hour < limits.quietUntil()) {
			reasons.add(Reason.UNUSUAL_HOUR);
		}
		return reasons;
	}

	static int score(java.util.Collection<Reason> reasons) {
		return reasons.stream().mapToInt((r) -> r.weight).sum();
	}

}
