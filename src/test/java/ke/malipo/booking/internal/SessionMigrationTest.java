package ke.malipo.booking.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import ke.malipo.booking.PaymentStatus;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.support.PaidAttempts;
import ke.malipo.support.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Seed task 2.3: sessions written before Malipo took payments come through the upgrade
 * that adds the payment fields, with honest defaults, and the application reads them.
 */
class SessionMigrationTest {

	private final ScratchDatabase database = new ScratchDatabase();

	private final JdbcClient jdbc = this.database.jdbc();

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void legacySessionsComeThroughThePaymentUpgrade() {
		this.database.migrateTo("2");
		Instant created = Instant.parse("2026-10-01T08:00:00Z");
		UUID pending = legacy("PENDING", Instant.now().plus(Duration.ofDays(5)), created);
		UUID approvedSoon = legacy("APPROVED", Instant.now().plus(Duration.ofDays(5)), created);
		UUID approvedPast = legacy("APPROVED", Instant.now().minus(Duration.ofDays(1)), created);
		UUID completed = legacy("COMPLETED", Instant.parse("2026-10-10T08:00:00Z"), created);
		UUID cancelled = legacy("CANCELLED", Instant.parse("2026-10-12T08:00:00Z"), created);

		this.database.migrateTo("latest");
		SessionRepository sessions = new SessionRepository(this.jdbc, NotesPrivacyTests.cipher());

		Session stillPending = sessions.findById(new SessionId(pending)).orElseThrow();
		assertThat(stillPending.status()).isEqualTo(SessionStatus.PENDING);
		assertThat(stillPending.payment().status()).isEqualTo(PaymentStatus.UNPAID);
		assertThat(stillPending.payment().method()).isEqualTo("MPESA");
		assertThat(stillPending.payBy()).isNull();

		Session approved = sessions.findById(new SessionId(approvedSoon)).orElseThrow();
		assertThat(approved.status()).isEqualTo(SessionStatus.APPROVED);
		assertThat(approved.payment().status()).isEqualTo(PaymentStatus.UNPAID);
		assertThat(approved.payBy()).isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(1, ChronoUnit.MINUTES));
		assertThat(approved.approvedAt()).isEqualTo(created);

		Session overdue = sessions.findById(new SessionId(approvedPast)).orElseThrow();
		assertThat(overdue.payBy()).isEqualTo(overdue.scheduledAt().minus(Duration.ofHours(2)));
		assertThat(overdue.isDueToExpire(Instant.now())).isTrue();

		Session done = sessions.findById(new SessionId(completed)).orElseThrow();
		assertThat(done.status()).isEqualTo(SessionStatus.COMPLETED);
		assertThat(done.payment().method()).isEqualTo("OFFLINE");
		assertThat(done.payment().status()).isEqualTo(PaymentStatus.PAID);
		assertThat(done.payment().receiptNumber()).isNull();

		Session off = sessions.findById(new SessionId(cancelled)).orElseThrow();
		assertThat(off.status()).isEqualTo(SessionStatus.CANCELLED);
		assertThat(off.payment().status()).isEqualTo(PaymentStatus.UNPAID);
		assertThat(off.version()).isEqualTo(3);
	}

	@Test
	void upgradedSchemaEnforcesThePaymentInvariants() {
		this.database.migrateTo("latest");
		UUID id = legacy("PENDING", Instant.now().plus(Duration.ofDays(5)), Instant.now());
		assertThatThrownBy(() -> this.jdbc.sql("update booking.sessions set status = 'APPROVED' where id = :id")
			.param("id", id)
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("sessions_approved_has_pay_by");
		this.jdbc
			.sql("update booking.sessions set status = 'APPROVED', pay_by = now() + interval '1 day' where id = :id")
			.param("id", id)
			.update();
		assertThatThrownBy(() -> this.jdbc.sql("update booking.sessions set status = 'CONFIRMED' where id = :id")
			.param("id", id)
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("sessions_confirmed_is_paid");
		assertThatThrownBy(() -> this.jdbc
			.sql("update booking.sessions set status = 'CONFIRMED', payment_status = 'PAID' where id = :id")
			.param("id", id)
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("sessions_mpesa_paid_has_receipt");
		assertThatThrownBy(() -> this.jdbc.sql(
				"update booking.sessions set status = 'CONFIRMED', payment_status = 'PAID', mpesa_receipt_number = 'TAB1CD2EF3' where id = :id")
			.param("id", id)
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("without exactly one paid M-Pesa attempt");
		PaidAttempts.insert(this.jdbc, UUID.randomUUID(), id, UUID.randomUUID(), 2000, "TAB1CD2EF3");
		this.jdbc.sql(
				"update booking.sessions set status = 'CONFIRMED', payment_status = 'PAID', mpesa_receipt_number = 'TAB1CD2EF3' where id = :id")
			.param("id", id)
			.update();
		UUID other = legacy("PENDING", Instant.now().plus(Duration.ofDays(6)), Instant.now());
		assertThatThrownBy(() -> this.jdbc.sql("""
				update booking.sessions set pay_by = now(), status = 'CONFIRMED', payment_status = 'PAID',
				  mpesa_receipt_number = 'TAB1CD2EF3' where id = :id""").param("id", other).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("sessions_receipt_key");
	}

	private UUID legacy(String status, Instant scheduledAt, Instant createdAt) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into booking.sessions (id, client_id, psychologist_id, scheduled_at, duration_minutes, amount, status,
					  created_at, updated_at, version)
					values (:id, :client, :psychologist, :scheduledAt, 50, 2000, :status, :createdAt, :createdAt, 3)
					""")
			.params(Map.of("id", id, "client", UUID.randomUUID(), "psychologist", UUID.randomUUID(), "scheduledAt",
					Timestamp.from(scheduledAt), "status", status, "createdAt", Timestamp.from(createdAt)))
			.update();
		return id;
	}

}
