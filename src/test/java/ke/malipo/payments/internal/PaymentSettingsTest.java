package ke.malipo.payments.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings that would lose a client's replayed answer are refused at start-up. */
class PaymentSettingsTest {

	private static PaymentSettings keepingKeysFor(Duration duration) {
		return new PaymentSettings("/api/payments/stk-callback", Duration.ofSeconds(30), Duration.ofSeconds(10),
				Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(1), 500, Duration.ofSeconds(2),
				duration);
	}

	@Test
	void idempotencyKeysAreKeptAtLeastADay() {
		assertThatThrownBy(() -> keepingKeysFor(Duration.ofHours(23))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("idempotency-keys-kept-for");
		assertThat(keepingKeysFor(Duration.ofDays(1)).idempotencyKeysKeptFor()).isEqualTo(Duration.ofDays(1));
	}

}
