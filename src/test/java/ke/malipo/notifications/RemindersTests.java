package ke.malipo.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMS reminders through Africa's Talking (its simulator, over HTTP): a day before a
 * confirmed session to the client (Property 64), an hour before to both (Property 65), a
 * nudge before an unpaid session's deadline; none for a session cancelled meanwhile, none
 * for someone who opted out, and none again for someone who blocked our messages. Time is
 * moved on the application's clock, and put back after each test.
 */
@MalipoIntegrationTest
class RemindersTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ke.malipo.notifications.internal.DeliveryReports reports;

	@AfterEach
	void backToNow() {
		this.clock.reset();
	}

	@Test
	void property64_property65_aConfirmedSessionIsRemindedADayAndAnHourBefore() {
		String tag = tag();
		Account client = this.api.register("CLIENT", null, "Mwangi " + tag);
		Account psychologist = this.api.register("PSYCHOLOGIST", 1800L, "Dr Oduya " + tag);
		String session = confirmed(client, psychologist, 3);
		Instant start = startOf(session, client);

		travelTo(start.minus(Duration.ofDays(1)).plusSeconds(5));
		String dayBefore = awaitSms("254712345678", "Dr Oduya " + tag, "tomorrow");
		assertThat(dayBefore).startsWith("Malipo reminder: your appointment with").contains("EAT");
		assertThat(dayBefore.length()).isLessThanOrEqualTo(160);
		assertThat(dayBefore.toLowerCase()).doesNotContain("therapy");
		// The virtual phone shows it beside the prompts, the number masked.
		assertThat(this.api.text("/simulator/phone", null).body()).contains(dayBefore).contains("2547*****678");

		travelTo(start.minus(Duration.ofHours(1)).plusSeconds(5));
		assertThat(awaitSms("254712345678", "Dr Oduya " + tag, "starts at")).contains("today");
		assertThat(awaitSms("254712345678", "Mwangi " + tag, "starts at")).contains("today");
		// Accepted, then delivered: Africa's Talking's delivery reports came back.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(kindsAndStatuses(session)).containsEntry("REMINDER_DAY_BEFORE", "DELIVERED")
				.containsEntry("REMINDER_HOUR_BEFORE", "DELIVERED")
				// Paid: the pay-by nudge was no longer wanted.
				.containsEntry("PAYMENT_DUE", "CANCELLED"));
	}

	/**
	 * Before an unpaid session's deadline the client is nudged, in the app and by SMS.
	 */
	@Test
	void anUnpaidClientIsNudgedBeforeTheDeadline() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1725);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4, 18);
		await().atMost(Duration.ofSeconds(10)).until(() -> statuses(session).contains("QUEUED"));
		Instant due = this.jdbc.sql("""
				select next_try_at from notifications.outbox
				 where session_id = cast(:s as uuid) and kind = 'PAYMENT_DUE' and channel = 'IN_APP'
				""").param("s", session).query(java.sql.Timestamp.class).single().toInstant();
		assertThat(inApp(client, "PAYMENT_DUE")).isEmpty();

		travelTo(due.plusSeconds(5));
		Account later = this.api.login(client.email(), Api.PASSWORD, client.id());
		await().atMost(Duration.ofSeconds(10)).until(() -> !inApp(later, "PAYMENT_DUE").isEmpty());
		assertThat(inApp(later, "PAYMENT_DUE").get(0)).contains("Please pay KES 1,725");
		assertThat(awaitSms("254712345678", session, "please pay")).startsWith("Malipo: please pay KES 1,725");
	}

	private List<String> inApp(Account who, String kind) {
		return StreamSupport.stream(this.api.get("/api/notifications", who.token()).body().spliterator(), false)
			.filter((notice) -> kind.equals(notice.get("kind").asString()))
			.map((notice) -> notice.get("body").asString())
			.toList();
	}

	/**
	 * Cancellation always wins: the nudge of a session cancelled meanwhile never goes.
	 */
	@Test
	void aCancelledSessionIsNeverNudged() {
		Account client = this.api.register("CLIENT", null, "Kiprop " + tag());
		Account psychologist = this.api.psychologist(1700);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4, 10);
		await().atMost(Duration.ofSeconds(10)).until(() -> statuses(session).contains("QUEUED"));
		assertThat(this.api.post("/api/sessions/" + session + "/cancel", client.token(), Map.of()).status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> statuses(session).equals(List.of("CANCELLED")));
		travelTo(Instant.now().plus(Duration.ofHours(20)));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> statuses(session).equals(List.of("CANCELLED")));
	}

	@Test
	void someoneWhoOptedOutGetsNoReminders() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1650);
		assertThat(this.api
			.call(org.springframework.http.HttpMethod.PUT, "/api/me/preferences", client.token(),
					Map.of("language", "en", "smsReminders", false))
			.status()).isEqualTo(200);
		String session = confirmed(client, psychologist, 3);
		Instant start = startOf(session, client);
		travelTo(start.minus(Duration.ofDays(1)).plusSeconds(5));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.jdbc.sql("""
				select count(*) from notifications.outbox
				 where session_id = cast(:s as uuid) and recipient = :r and status = 'SKIPPED'
				""").param("s", session).param("r", client.id()).query(Integer.class).single() >= 1);
	}

	/**
	 * 406 UserInBlacklist: failed once, not retried, and SMS reminders off for that
	 * person.
	 */
	@Test
	void someoneWhoBlockedOurMessagesIsNotMessagedAgain() {
		String phone = TestPhones.local(6);
		String email = "blocked-" + UUID.randomUUID() + "@test.ke";
		assertThat(this.api
			.post("/api/auth/register", null, Map.of("name", "Njoroge " + tag(), "email", email, "password",
					Api.PASSWORD, "phoneNumber", phone, "role", "CLIENT"))
			.status()).isEqualTo(201);
		Account client = this.api.login(email, Api.PASSWORD,
				UUID.fromString(this.jdbc.sql("select id from identity.users where email = :e")
					.param("e", email)
					.query(String.class)
					.single()));
		Account psychologist = this.api.psychologist(1600);
		String session = confirmed(client, psychologist, 3);
		travelTo(startOf(session, client).minus(Duration.ofDays(1)).plusSeconds(5));
		await().atMost(Duration.ofSeconds(10)).until(() -> statuses(session).contains("FAILED"));
		// Days later, the morning's sign-in has expired: sign in again.
		Account later = this.api.login(client.email(), Api.PASSWORD, client.id());
		Api.Response preferences = this.api.get("/api/me/preferences", later.token());
		assertThat(preferences.status()).as(preferences.toString()).isEqualTo(200);
		assertThat(preferences.body().get("smsReminders").asBoolean()).isFalse();
		assertThat(this.jdbc
			.sql("select tries from notifications.outbox where session_id = cast(:s as uuid) "
					+ "and status = 'FAILED'")
			.param("s", session)
			.query(Integer.class)
			.list()).containsOnly(1);
	}

	/**
	 * A report that does not carry our secret is refused; one about a message we do not
	 * know changes nothing; a message without a report for a day is NO_REPORT.
	 */
	@Test
	void deliveryReportsAreAuthenticatedAndAMissingOneIsSaid() {
		Api.TextResponse forged = this.api.form("/api/notifications/sms-reports/" + "x".repeat(24),
				"id=ATXid_1&status=Success");
		assertThat(forged.status()).isEqualTo(403);
		assertThat(this.api
			.form("/api/notifications/sms-reports/local-sms-report-token",
					"id=ATXid_unknown&status=Failed&failureReason=UserInBlacklist")
			.status()).isEqualTo(200);

		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into notifications.outbox (id, dedupe_key, recipient, channel, kind, title, body, status, created_at,
					  address, provider_id, sent_at)
					values (:id, :key, :r, 'SMS', 'REMINDER_DAY_BEFORE', 't', 'b', 'ACCEPTED', :at, '254712345678', :p, :at)
					""")
			.param("id", id)
			.param("key", "test:" + id)
			.param("r", UUID.randomUUID())
			.param("at", java.sql.Timestamp.from(this.clock.instant()))
			.param("p", "ATXid_" + id)
			.update();
		travelTo(this.clock.instant().plus(Duration.ofHours(25)));
		assertThat(this.reports.sweep()).isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.sql("select status from notifications.outbox where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("NO_REPORT");
		// A late report still tells the truth.
		this.api.form("/api/notifications/sms-reports/local-sms-report-token", "id=ATXid_" + id + "&status=Success");
		assertThat(this.jdbc.sql("select status from notifications.outbox where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("DELIVERED");
	}

	private String confirmed(Account client, Account psychologist, int daysAhead) {
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, daysAhead, 12);
		assertThat(this.api
			.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)))
			.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "CONFIRMED".equals(this.api.get("/api/sessions/" + session, client.token()).text("status")));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> statuses(session).contains("QUEUED") || statuses(session).contains("SKIPPED")
					|| statuses(session).size() >= 3);
		return session;
	}

	private Instant startOf(String session, Account client) {
		return OffsetDateTime.parse(this.api.get("/api/sessions/" + session, client.token()).text("scheduledAt"))
			.toInstant();
	}

	private void travelTo(Instant moment) {
		Duration ahead = Duration.between(this.clock.instant(), moment);
		if (!ahead.isNegative()) {
			this.clock.advance(ahead);
		}
	}

	private Map<String, String> kindsAndStatuses(String session) {
		return this.jdbc.sql(
				"select distinct kind, status from notifications.outbox where channel = 'SMS' and session_id = cast(:s as uuid)")
			.param("s", session)
			.query((rs, row) -> Map.entry(rs.getString("kind"), rs.getString("status")))
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a + "," + b));
	}

	private List<String> statuses(String session) {
		return this.jdbc.sql(
				"select distinct status from notifications.outbox where channel = 'SMS' and session_id = cast(:s as uuid)")
			.param("s", session)
			.query(String.class)
			.list();
	}

	private String awaitSms(String to, String mentioning, String saying) {
		return await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> StreamSupport.stream(this.api.get("/simulator/sms?to=" + to, null).body().spliterator(), false)
				.map((sms) -> sms.get("message").asString())
				.filter((text) -> text.contains(mentioning) && text.contains(saying))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
