package ke.malipo.common.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Old completed event publications are deleted; recent ones, open ones and failed ones,
 * however old, are kept.
 */
@MalipoIntegrationTest
class CompletedEventRetentionTests {

	@Autowired
	CompletedEventRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	java.time.Clock clock;

	@Test
	void deletesOnlyCompletedPublicationsOlderThanTheKeptPeriod() {
		Instant now = this.clock.instant();
		UUID oldCompleted = publication(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(31)), "COMPLETED");
		UUID recentCompleted = publication(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(29)), "COMPLETED");
		UUID oldOpen = publication(now.minus(Duration.ofDays(40)), null, "PUBLISHED");
		UUID oldFailed = publication(now.minus(Duration.ofDays(40)), null, "FAILED");

		// Another context's scheduled run may hold the lock for a moment.
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.retention.deleteOld() >= 0 && !exists(oldCompleted));

		assertThat(exists(oldCompleted)).as("completed 31 days ago").isFalse();
		assertThat(exists(recentCompleted)).as("completed 29 days ago").isTrue();
		assertThat(exists(oldOpen)).as("never completed").isTrue();
		assertThat(exists(oldFailed)).as("failed").isTrue();
		this.jdbc.sql("delete from events.event_publication where id in (:ids)")
			.param("ids", java.util.List.of(recentCompleted, oldOpen, oldFailed))
			.update();
	}

	@Test
	void refusesAKeptPeriodShorterThanADayAndIntervalsThatAreNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventSettings(Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(23),
					Duration.ofHours(1)))
			.withMessageContaining("keep-completed");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new EventSettings(Duration.ZERO, Duration.ZERO, Duration.ofDays(30), Duration.ofHours(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new EventSettings(Duration.ofSeconds(30),
				Duration.ofSeconds(-1), Duration.ofDays(30), Duration.ofHours(1)));
		assertThat(new EventSettings(Duration.ofSeconds(30), Duration.ZERO, Duration.ofDays(1), Duration.ofHours(1))
			.keepCompleted()).isEqualTo(Duration.ofDays(1));
	}

	private UUID publication(Instant published, Instant completed, String status) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into events.event_publication (id, listener_id, event_type, serialized_event, publication_date,
				  completion_date, status, completion_attempts)
				values (:id, 'ke.malipo.test.Nobody.on(Nothing)', 'ke.malipo.test.Nothing', '{}', :published,
				  :completed, :status, 1)""")
			.param("id", id)
			.param("published", Timestamp.from(published))
			.param("completed", (completed != null) ? Timestamp.from(completed) : null)
			.param("status", status)
			.update();
		return id;
	}

	private boolean exists(UUID id) {
		return this.jdbc.sql("select count(*) from events.event_publication where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single() == 1;
	}

}
