package ke.malipo.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * When Daraja is asked next about an attempt, counted from its push: after 30 s, 2 min,
 * 10 min, 1 h, 6 h and 24 h, then never (a person or reconciliation takes over).
 *
 * @param nextCheckAt null when nothing is left to ask
 * @param lastQueriedAt when Daraja was last asked, whatever it answered
 */
record CheckSchedule(@Nullable Instant nextCheckAt, int checksDone, @Nullable Instant lastQueriedAt) {

	static final List<Duration> STEPS = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
			Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24));

	static final CheckSchedule NONE = new CheckSchedule(null, 0, null);

	/** The first check, one step after now. */
	CheckSchedule startingAt(Instant now) {
		return new CheckSchedule(now.plus(STEPS.get(0)), this.checksDone, this.lastQueriedAt);
	}

	/** Nothing more to ask. */
	CheckSchedule stopped() {
		return new CheckSchedule(null, this.checksDone, this.lastQueriedAt);
	}

	/** Asked once more; empty when the schedule has run out. */
	Optional<CheckSchedule> afterCheck(Instant createdAt, Instant now) {
		return nextStep(createdAt, now)
			.map((step) -> new CheckSchedule(createdAt.plus(step), this.checksDone + 1, this.lastQueriedAt));
	}

	/** The same schedule, counted again from the first check (a receipt to look for). */
	CheckSchedule restarted(Instant createdAt, Instant now) {
		Instant next = nextStep(createdAt, now).map(createdAt::plus).orElse(now.plus(STEPS.get(0)));
		return new CheckSchedule(next, 0, this.lastQueriedAt);
	}

	CheckSchedule askedAt(Instant now) {
		return new CheckSchedule(this.nextCheckAt, this.checksDone, now);
	}

	CheckSchedule counted() {
		return new CheckSchedule(this.nextCheckAt, this.checksDone + 1, this.lastQueriedAt);
	}

	private static Optional<Duration> nextStep(Instant createdAt, Instant now) {
		Duration waited = Duration.between(createdAt, now);
		return STEPS.stream().filter((step) -> step.compareTo(waited) > 0).findFirst();
	}

}
