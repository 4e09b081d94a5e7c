package ke.malipo.payments.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings that would lose a client's replayed answer are refused at start-up. */
class PaymentSettingsTest {

	private static final Duration HOUR = Duration.ofHours(1);

	private static PaymentSettings keepingKeysFor(Duration duration) {
		return settings(Duration.ofMinutes(30), duration);
	}

	private static PaymentSettings settings(Duration completesWithin, Duration keysKeptFor) {
		return new PaymentSettings("/api/payments/stk-callback", Duration.ofSeconds(30), Duration.ofSeconds(10),
				Duration.ofSeconds(10), Duration.ofMinutes(2), completesWithin, Duration.ofMinutes(1), 500,
				Duration.ofSeconds(2), keysKeptFor,
				new PaymentSettings.PromptLimits(3, Duration.ofMinutes(10), 10, Duration.ofHours(1)),
				new PaymentSettings.RefusedCallbacks(30, Duration.ofMinutes(1), 2048),
				new CallbackSources(CallbackSources.Mode.OFF, java.util.List.of()),
				new PaymentSettings.Feed(500, Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofDays(30),
						Duration.ofHours(1)),
				new PaymentSettings.StoredCallbacks(100, Duration.ofMillis(10), Duration.ofSeconds(1)));
	}

	@Test
	void theFeedIsReadInBoundedBatchesAndKeptAtLeastADay() {
		assertThatThrownBy(
				() -> new PaymentSettings.Feed(0, Duration.ofSeconds(1), Duration.ZERO, Duration.ofDays(30), HOUR))
			.hasMessageContaining("malipo.payments.feed");
		assertThatThrownBy(
				() -> new PaymentSettings.Feed(10_001, Duration.ofSeconds(1), Duration.ZERO, Duration.ofDays(30), HOUR))
			.hasMessageContaining("malipo.payments.feed");
		assertThatThrownBy(
				() -> new PaymentSettings.Feed(500, Duration.ofMillis(9), Duration.ZERO, Duration.ofDays(30), HOUR))
			.hasMessageContaining("malipo.payments.feed");
		assertThatThrownBy(
				() -> new PaymentSettings.Feed(500, Duration.ofSeconds(61), Duration.ZERO, Duration.ofDays(30), HOUR))
			.hasMessageContaining("malipo.payments.feed");
		assertThatThrownBy(
				() -> new PaymentSettings.Feed(500, Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(23), HOUR))
			.hasMessageContaining("malipo.payments.feed");
		assertThatThrownBy(() -> new PaymentSettings.Feed(500, Duration.ofSeconds(1), Duration.ofMillis(-1),
				Duration.ofDays(30), HOUR))
			.hasMessageContaining("malipo.payments.feed");
		assertThatThrownBy(() -> new PaymentSettings.Feed(500, Duration.ofSeconds(1), Duration.ofMillis(1001),
				Duration.ofDays(30), HOUR))
			.hasMessageContaining("malipo.payments.feed");
		assertThat(new PaymentSettings.Feed(10_000, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofDays(1),
				Duration.ofMinutes(1))
			.batch()).isEqualTo(10_000);
	}

	@Test
	void theFeedIsPrunedEveryMinuteToDay() {
		assertThatThrownBy(() -> new PaymentSettings.Feed(500, Duration.ofSeconds(1), Duration.ZERO,
				Duration.ofDays(30), Duration.ofSeconds(59)))
			.hasMessageContaining("pruned every");
		assertThatThrownBy(() -> new PaymentSettings.Feed(500, Duration.ofSeconds(1), Duration.ZERO,
				Duration.ofDays(30), Duration.ofHours(25)))
			.hasMessageContaining("pruned every");
		assertThat(new PaymentSettings.Feed(500, Duration.ofSeconds(1), Duration.ZERO, Duration.ofDays(30),
				Duration.ofDays(1))
			.pruneEvery()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void storedCallbacksAreAppliedInBoundedBatchesWithAShortWait() {
		assertThatThrownBy(() -> new PaymentSettings.StoredCallbacks(0, Duration.ZERO, Duration.ofSeconds(1)))
			.hasMessageContaining("malipo.payments.stored-callbacks");
		assertThatThrownBy(() -> new PaymentSettings.StoredCallbacks(1_001, Duration.ZERO, Duration.ofSeconds(1)))
			.hasMessageContaining("malipo.payments.stored-callbacks");
		assertThatThrownBy(() -> new PaymentSettings.StoredCallbacks(100, Duration.ofMillis(-1), Duration.ofSeconds(1)))
			.hasMessageContaining("malipo.payments.stored-callbacks");
		assertThatThrownBy(
				() -> new PaymentSettings.StoredCallbacks(100, Duration.ofMillis(1001), Duration.ofSeconds(1)))
			.hasMessageContaining("malipo.payments.stored-callbacks");
		assertThatThrownBy(() -> new PaymentSettings.StoredCallbacks(100, Duration.ZERO, Duration.ofMillis(9)))
			.hasMessageContaining("malipo.payments.stored-callbacks");
		assertThatThrownBy(() -> new PaymentSettings.StoredCallbacks(100, Duration.ZERO, Duration.ofSeconds(61)))
			.hasMessageContaining("malipo.payments.stored-callbacks");
		PaymentSettings.StoredCallbacks widest = new PaymentSettings.StoredCallbacks(1_000, Duration.ofSeconds(1),
				Duration.ofMinutes(1));
		assertThat(widest.batch()).isEqualTo(1_000);
	}

	@Test
	void idempotencyKeysAreKeptAtLeastADay() {
		assertThatThrownBy(() -> keepingKeysFor(Duration.ofHours(23))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("idempotency-keys-kept-for");
		assertThat(keepingKeysFor(Duration.ofDays(1)).idempotencyKeysKeptFor()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void attemptsCompleteWithinTheQueueTimeAndFiveMinutesToADay() {
		// queue-for is a minute here: a push may leave a minute after the attempt
		// started.
		for (Duration refused : new Duration[] { Duration.ofMinutes(5), Duration.ofDays(2) }) {
			assertThatThrownBy(() -> settings(refused, Duration.ofDays(7))).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("completes-within");
		}
		assertThat(settings(Duration.ofMinutes(6), Duration.ofDays(7)).completesWithin())
			.isEqualTo(Duration.ofMinutes(6));
	}

	@Test
	void promptLimitsNeedACountAndAWindowOfUpToADay() {
		assertThatThrownBy(() -> new PaymentSettings.PromptLimits(0, Duration.ofMinutes(10), 10, Duration.ofHours(1)))
			.hasMessageContaining("prompt-limits");
		assertThatThrownBy(() -> new PaymentSettings.PromptLimits(3, Duration.ofDays(2), 10, Duration.ofHours(1)))
			.hasMessageContaining("prompt-limits");
		assertThatThrownBy(() -> new PaymentSettings.PromptLimits(3, Duration.ofMinutes(10), 10, Duration.ZERO))
			.hasMessageContaining("prompt-limits");
	}

}
