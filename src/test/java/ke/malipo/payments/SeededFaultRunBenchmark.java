package ke.malipo.payments;

import java.time.Duration;

import org.springframework.test.context.TestPropertySource;

/**
 * quality.md R1 at full scale, in the benchmark profile only: the seeded fault run of
 * {@link SeededFaultRunTests} with 10,000 payments, the same faults, seed and assertions.
 * Its sessions are booked an hour apart, so they reach some 14 months ahead: the booking
 * horizon is opened to match. Its payments are spread over the clock (see
 * {@link #spacing()}). Run with
 * {@code ./mvnw -Pbenchmarks test -Dtest=SeededFaultRunBenchmark} (and
 * {@code -Dfaultrun.seed=N} to replay another seed).
 */
@TestPropertySource(properties = "malipo.booking.maximum-advance=430d")
class SeededFaultRunBenchmark extends SeededFaultRunTests {

	/** 50 payments every 10 minutes: some 300 an hour, for 33 hours. */
	@Override
	Spacing spacing() {
		return new Spacing(50, Duration.ofMinutes(10));
	}

	@Override
	int payments() {
		return Integer.getInteger("faultrun.payments", 10_000);
	}

}
