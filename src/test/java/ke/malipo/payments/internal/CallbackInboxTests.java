package ke.malipo.payments.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored callback that fails to apply waits longer after each try, up to ten minutes.
 */
@MalipoIntegrationTest
class CallbackInboxTests {

	@Autowired
	CallbackInbox inbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void eachFailedTryDoublesTheWaitFromFiveSecondsToTenMinutesAtMost() {
		// A day ahead: the applier running in the background never finds the body due,
		// so every try counted here is one of this test's (a body due now would be tried,
		// and fail, by the applier between two of them).
		Instant at = this.clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
		UUID id = this.inbox.store(null, "{\"Body\":{}}", "203.0.113.7", "RECEIVED", null, at);
		List<Duration> waits = new ArrayList<>();
		for (int failure = 1; failure <= 9; failure++) {
			this.inbox.retryLater(id, "x".repeat(600), at);
			Map<String, Object> row = this.jdbc
				.sql("select tries, next_try_at, error from payments.callback_inbox where id = :id")
				.param("id", id)
				.query()
				.singleRow();
			assertThat(row.get("tries")).isEqualTo(failure);
			assertThat((String) row.get("error")).hasSize(500);
			waits.add(Duration.between(at, ((Timestamp) row.get("next_try_at")).toInstant()));
		}
		assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
				Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofSeconds(320),
				Duration.ofMinutes(10), Duration.ofMinutes(10));
		// Not left for a later test's clock to bring due: it would fail on every try.
		this.jdbc.sql("delete from payments.callback_inbox where id = :id").param("id", id).update();
	}

}
