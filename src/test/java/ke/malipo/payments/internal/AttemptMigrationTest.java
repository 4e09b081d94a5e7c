package ke.malipo.payments.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import ke.malipo.support.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attempts made before they recorded the psychologist learn it from their session when
 * the schema is upgraded, and new attempts cannot be stored without it.
 */
class AttemptMigrationTest {

	private final ScratchDatabase database = new ScratchDatabase();

	private final JdbcClient jdbc = this.database.jdbc();

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void olderAttemptsTakeThePsychologistFromTheirSession() {
		this.database.migrateTo("9");
		UUID psychologist = UUID.randomUUID();
		UUID session = session(psychologist);
		UUID attempt = UUID.randomUUID();
		this.jdbc.sql("""
				insert into payments.attempts (id, session_id, client_id, amount, phone, reference, state,
				  callback_token_hash, created_at, updated_at)
				values (:id, :session, :client, 1500, '254700000010', 'ABC123', 'FAILED', 'hash', :now, :now)
				""")
			.params(Map.of("id", attempt, "session", session, "client", UUID.randomUUID(), "now",
					Timestamp.from(Instant.now())))
			.update();

		this.database.migrateTo("latest");

		assertThat(this.jdbc.sql("select psychologist_id from payments.attempts where id = :id")
			.param("id", attempt)
			.query(UUID.class)
			.single()).isEqualTo(psychologist);
		assertThatThrownBy(() -> this.jdbc.sql("""
				insert into payments.attempts (id, session_id, client_id, amount, phone, reference, state,
				  callback_token_hash, created_at, updated_at)
				values (:id, :session, :client, 1500, '254700000010', 'ABC124', 'FAILED', 'hash2', now(), now())
				""").params(Map.of("id", UUID.randomUUID(), "session", session, "client", UUID.randomUUID())).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("psychologist_id");
	}

	private UUID session(UUID psychologist) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into booking.sessions (id, client_id, psychologist_id, scheduled_at, duration_minutes, amount, status,
					  pay_by, created_at, updated_at, version)
					values (:id, :client, :psychologist, now() + interval '3 days', 50, 1500, 'APPROVED',
					  now() + interval '1 day', now(), now(), 1)
					""")
			.params(Map.of("id", id, "client", UUID.randomUUID(), "psychologist", psychologist))
			.update();
		return id;
	}

}
