package ke.malipo.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moving a session to another time (issue 14): either side, within the same rules as a
 * request; before payment freely, once paid until a cut-off a day before; the other
 * person is told, the reminders and the receipt's time follow.
 */
@MalipoIntegrationTest
class RescheduleTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	private static String at(int daysAhead, int hour) {
		return OffsetDateTime.now(ZoneOffset.ofHours(3))
			.plusDays(daysAhead)
			.withHour(hour)
			.truncatedTo(ChronoUnit.HOURS)
			.toString();
	}

	private Api.Response move(Account who, String session, String to) {
		return this.api.post("/api/sessions/" + session + "/reschedule", who.token(), Map.of("scheduledAt", to));
	}

	private List<String> noticeTitles(Account who) {
		return java.util.stream.StreamSupport
			.stream(this.api.get("/api/notifications", who.token()).body().spliterator(), false)
			.map((n) -> n.get("kind").asString())
			.toList();
	}

	@Test
	void aClientMovesARequestAndThePsychologistIsTold() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1800);
		String session = this.api
			.post("/api/sessions", client.token(),
					Map.of("psychologistId", psychologist.id().toString(), "scheduledAt", at(4, 10)))
			.text("id");
		Api.Response moved = move(client, session, at(5, 15));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat(OffsetDateTime.parse(moved.text("scheduledAt")).toInstant())
			.isEqualTo(OffsetDateTime.parse(at(5, 15)).toInstant());
		assertThat(moved.text("status")).isEqualTo("PENDING");
		await().atMost(Duration.ofSeconds(10)).until(() -> noticeTitles(psychologist).contains("SESSION_RESCHEDULED"));

		assertThat(move(this.api.admin(), session, at(6, 10)).status()).isEqualTo(403);
		assertThat(move(this.api.client(), session, at(6, 10)).status()).as("someone else's").isEqualTo(404);
		assertThat(move(client, session, at(0, 0)).status()).as("too soon").isEqualTo(400);
	}

	@Test
	void anApprovedSessionMovesOnlyIntoFreeTimeAndAClientNeedsTheirHours() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1800);
		String first = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4);
		String second = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4, 2);
		Api.Response clash = move(psychologist, second,
				OffsetDateTime.parse(this.api.get("/api/sessions/" + first, psychologist.token()).text("scheduledAt"))
					.plusMinutes(20)
					.toString());
		assertThat(clash.status()).isEqualTo(409);
		assertThat(clash.code()).isEqualTo("SLOT_TAKEN");
		assertThat(move(client, first, at(7, 10)).code()).as("no hours set: only the psychologist moves it")
			.isEqualTo("ASK_THE_PSYCHOLOGIST");

		Api.Response moved = move(psychologist, first, at(7, 10));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat(moved.text("status")).isEqualTo("APPROVED");
		assertThat(OffsetDateTime.parse(moved.text("payBy")).toInstant()).as("a new pay-by for the new time")
			.isAfter(Instant.now());
		await().atMost(Duration.ofSeconds(10)).until(() -> noticeTitles(client).contains("SESSION_RESCHEDULED"));
		// The client's calendar moves too: an email with the event at its new time.
		tools.jackson.databind.JsonNode mail = await().atMost(Duration.ofSeconds(30))
			.until(() -> java.util.stream.StreamSupport
				.stream(this.api.get("/simulator/mailbox/messages?to=" + client.email(), null).body().spliterator(),
						false)
				.filter((m) -> m.get("subject").asString().startsWith("Your appointment moved"))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(mail.get("attachments").toString()).contains("appointment.ics");

		// With hours set, the client moves it too, but only inside them.
		String weekday = OffsetDateTime.parse(at(8, 9)).getDayOfWeek().name();
		this.api.call(HttpMethod.PUT, "/api/me/availability", psychologist.token(),
				Map.of("hours", List.of(Map.of("day", weekday, "start", "09:00", "end", "12:00"))));
		assertThat(move(client, first, at(8, 14)).code()).isEqualTo("OUTSIDE_HOURS");
		assertThat(move(client, first, at(8, 9)).status()).isEqualTo(200);
	}

	@Test
	void aPaidSessionMovesUntilADayBeforeAndItsRemindersAndReceiptFollow() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1800);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3);
		this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "CONFIRMED".equals(this.api.get("/api/sessions/" + session, client.token()).text("status")));
		Projections.caughtUp(this.jdbc);
		assertThat(reminders(session, "QUEUED")).as("planned for the first time").isNotEmpty();

		String to = at(9, 11);
		Api.Response moved = move(client, session, to);
		assertThat(moved.status()).as("the psychologist's open calendar: a paid session's client may not move it")
			.isEqualTo(409);
		Api.Response byPsychologist = move(psychologist, session, to);
		assertThat(byPsychologist.status()).as(byPsychologist.toString()).isEqualTo(200);
		assertThat(byPsychologist.text("status")).isEqualTo("CONFIRMED");
		Projections.caughtUp(this.jdbc);
		Instant start = OffsetDateTime.parse(to).toInstant();
		assertThat(reminders(session, "CANCELLED")).as("the old time's reminders called off").isNotEmpty();
		assertThat(this.jdbc.sql("""
				select next_try_at from notifications.outbox
				 where session_id = :id and kind = 'REMINDER_DAY_BEFORE' and status = 'QUEUED'
				""").param("id", java.util.UUID.fromString(session)).query(java.sql.Timestamp.class).list())
			.extracting(java.sql.Timestamp::toInstant)
			.containsExactly(start.minus(Duration.ofDays(1)));
		assertThat(this.jdbc.sql("select scheduled_at from finance.sessions where session_id = :id")
			.param("id", java.util.UUID.fromString(session))
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).as("the receipt's time").isEqualTo(start);

		String soon = PaymentTestSupport.approvedSession(this.api, client, psychologist, 0, 5);
		this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", soon, "phoneNumber", TestPhones.local(0)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "CONFIRMED".equals(this.api.get("/api/sessions/" + soon, client.token()).text("status")));
		assertThat(move(psychologist, soon, at(10, 11)).code()).as("less than a day before")
			.isEqualTo("TOO_LATE_TO_MOVE");
	}

	private List<String> reminders(String session, String status) {
		return this.jdbc.sql("""
				select kind from notifications.outbox
				 where session_id = :id and kind like 'REMINDER%' and status = :status
				""").param("id", java.util.UUID.fromString(session)).param("status", status).query(String.class).list();
	}

}
