package ke.malipo.notifications.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ke.malipo.booking.SessionEvent;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.identity.UserId;
import ke.malipo.support.Api;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.Projections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Cancellation always wins (issue 11), as a property: a reminder or pay-by nudge queued
 * for a session that is cancelled or expires any time from an hour down to one second
 * before it is due is never sent, however the sender (the scheduled one, running
 * meanwhile, or this test's call at the due moment) meets it: the claim checks the
 * session's state in its own transaction.
 */
@MalipoIntegrationTest
class ReminderRacePropertyTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	SmsSender sender;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Api api;

	@AfterEach
	void backToNow() {
		this.clock.reset();
	}

	@Test
	void aSessionEndedBeforeItsReminderIsDueIsNeverReminded() {
		qt().withExamples(40)
			.withFixedSeed(1164L)
			.forAll(integers().between(0, 7), integers().between(1, 3600))
			.checkAssert((variant, secondsBefore) -> {
				boolean nudge = (variant & 1) != 0;
				boolean expires = (variant & 2) != 0;
				// Queued after the session ended (a planner's event delivered late): only
				// the claim's own check of the session can stop it.
				boolean queuedLate = (variant & 4) != 0;
				SessionId session = SessionId.random();
				UserId client = UserId.random();
				String phone = String.format("2547%08d", Math.floorMod(session.value().hashCode(), 100_000_000));
				Instant now = this.clock.instant();
				Instant due = now.plusSeconds(secondsBefore);
				track(session, client, nudge, due);
				UUID reminder = queuedLate ? null : queue(session, client, nudge, phone, due);

				SessionEvent ended = expires
						? new SessionEvent.Expired(session, client,
								nudge ? SessionStatus.APPROVED : SessionStatus.CONFIRMED, now)
						: new SessionEvent.Cancelled(session, client, UserId.random(), client, "Changed plans", now);
				this.transactions.executeWithoutResult((status) -> this.publisher.publishEvent(ended));
				Projections.caughtUp(this.jdbc, "notifications");
				if (queuedLate) {
					reminder = queue(session, client, nudge, phone, due);
				}

				this.clock.advance(Duration.ofSeconds(secondsBefore));
				this.sender.sendDue();
				assertThat(status(reminder)).as("the reminder of a session that ended %d s before", secondsBefore)
					.isEqualTo("CANCELLED");
				assertThat(smsTo(phone)).isEmpty();
			});
	}

	/**
	 * A session the planner has told notifications of: confirmed, or approved and unpaid
	 * for a nudge.
	 */
	private void track(SessionId session, UserId client, boolean nudge, Instant due) {
		this.jdbc
			.sql("""
					insert into notifications.sessions (session_id, scheduled_at, status, client_id, psychologist_id, pay_by)
					values (:session, :at, :status, :client, gen_random_uuid(), :due)
					""")
			.param("session", session.value())
			.param("at", Timestamp.from(due.plus(Duration.ofDays(1))))
			.param("status", nudge ? "APPROVED" : "CONFIRMED")
			.param("client", client.value())
			.param("due", Timestamp.from(due.plus(Duration.ofHours(6))))
			.update();
	}

	private UUID queue(SessionId session, UserId client, boolean nudge, String phone, Instant due) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into notifications.outbox (id, dedupe_key, recipient, channel, kind, title, body, status, address,
					  tries, next_try_at, session_id, not_after, created_at)
					values (:id, :key, :client, 'SMS', :kind, 'Reminder', 'Malipo reminder: your appointment is tomorrow.',
					  'QUEUED', :phone, 0, :due, :session, :notAfter, now())
					""")
			.param("id", id)
			.param("key", "race:" + id)
			.param("client", client.value())
			.param("kind", nudge ? "PAYMENT_DUE" : "REMINDER_DAY_BEFORE")
			.param("phone", phone)
			.param("due", Timestamp.from(due))
			.param("session", session.value())
			.param("notAfter", Timestamp.from(due.plus(Duration.ofHours(2))))
			.update();
		return id;
	}

	private String status(UUID id) {
		return this.jdbc.sql("select status from notifications.outbox where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	private List<String> smsTo(String phone) {
		List<String> received = new java.util.ArrayList<>();
		this.api.get("/simulator/sms?to=" + phone, null).body().forEach((sms) -> received.add(sms.toString()));
		return received;
	}

}
