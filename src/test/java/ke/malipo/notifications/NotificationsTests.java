package ke.malipo.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.booking.SessionEvent;
import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.identity.UserId;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In-app notices over the running application (issue 11, C9): the psychologist hears of a
 * request and of the money, the client of the approval with what to pay and by when, of a
 * failure with its reason, and of a decline or cancellation by the other side. Each
 * person sees only their own, and a redelivered event tells nobody twice.
 */
@MalipoIntegrationTest
@EnableScenarios
class NotificationsTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Value("${local.server.port}")
	int port;

	@Test
	void property4_theApprovalTellsTheClientWhatToPayAndByWhen() {
		Account client = this.api.register("CLIENT", null, "Akinyi " + tag());
		Account psychologist = this.api.register("PSYCHOLOGIST", 2200L, "Dr Kamau " + tag());
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3);

		JsonNode request = awaitNotice(psychologist, "SESSION_REQUESTED", session);
		assertThat(request.get("body").asString()).contains("Akinyi").contains("Approve or decline");
		JsonNode approved = awaitNotice(client, "SESSION_APPROVED", session);
		assertThat(approved.get("title").asString()).isEqualTo("Session approved: please pay");
		assertThat(approved.get("body").asString()).contains("Dr Kamau").contains("KES 2,200").contains("by ");
		assertThat(approved.get("link").asString()).isEqualTo("/sessions/" + session + "/pay");
		assertThat(approved.get("readAt").isNull()).isTrue();
	}

	@Test
	void property25_property62_aConfirmedPaymentReachesThePsychologistWithinFiveSeconds() {
		Account client = this.api.register("CLIENT", null, "Njeri " + tag());
		Account psychologist = this.api.psychologist(1900);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4);
		pay(client, session, TestPhones.local(0), "PAID");
		// Measured from the commit: the status answers PAID only once it is committed.
		String receipt = this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber");
		JsonNode paid = awaitNotice(psychologist, "PAYMENT_CONFIRMED", session, Duration.ofSeconds(5));
		assertThat(paid.get("body").asString()).contains("Njeri").contains("KES 1,900").contains(receipt);
		assertThat(paid.get("body").asString()).doesNotContain("0700").doesNotContain("254700");
		assertThat(awaitNotice(client, "PAYMENT_CONFIRMED", session).get("title").asString())
			.isEqualTo("Payment confirmed");
	}

	/**
	 * The approval's payment instructions arrive by email too, over real SMTP (the
	 * embedded server of simulator mode).
	 */
	@Test
	void property60_theApprovalEmailCarriesThePaymentInstructions() {
		Account client = this.api.register("CLIENT", null, "Wairimu " + tag());
		Account psychologist = this.api.register("PSYCHOLOGIST", 2400L, "Dr Achieng " + tag());
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3, 4);
		JsonNode mail = awaitMail(client.email(), "approved", Duration.ofSeconds(30));
		assertThat(mail.get("subject").asString()).startsWith("Your session is approved: pay by ").endsWith("EAT");
		assertThat(mail.get("text").asString()).contains("Dr Achieng")
			.contains("KES 2,400")
			.contains("/sessions/" + session + "/pay");
		// The same words as HTML, with a button to pay.
		assertThat(mail.get("html").asString()).contains("KES 2,400")
			.contains("href=\"http://localhost:8080/sessions/" + session + "/pay\"")
			.contains("Open in Malipo")
			.contains("lang=\"en\"");
		// An invite holds the slot in the client's calendar until it is paid.
		assertThat(mail.get("attachments").toString()).contains("appointment.ics").contains("text/calendar");
	}

	/** The receipt number by email within 30 seconds of the payment's commit. */
	@Test
	void property26_property61_aConfirmedPaymentIsEmailedWithItsReceiptWithin30Seconds() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(2100);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4, 6);
		pay(client, session, TestPhones.local(0), "PAID");
		String receipt = this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber");
		JsonNode mail = awaitMail(client.email(), receipt, Duration.ofSeconds(30));
		assertThat(mail.get("subject").asString()).isEqualTo("Payment received: M-Pesa receipt " + receipt);
		assertThat(mail.get("text").asString()).contains("KES 2,100").doesNotContain("254700");
		assertThat(mail.get("attachments").toString()).contains("malipo-receipt-" + receipt + ".pdf")
			.contains("application/pdf")
			.contains("appointment.ics");
	}

	/** Admins see what was sent to whom, the address masked, and whether it went out. */
	@Test
	void theDeliveryLogShowsWhatWentOutWithAddressesMasked() throws Exception {
		String name = "Chebet " + tag();
		Account client = this.api.register("CLIENT", null, name);
		Account psychologist = this.api.psychologist(2050);
		PaymentTestSupport.approvedSession(this.api, client, psychologist, 3, 8);
		JsonNode mail = awaitMail(client.email(), "approved", Duration.ofSeconds(30));
		// The received mail is traced to its row by its Message-ID.
		UUID row = this.jdbc.sql("select id from notifications.outbox where address = :a and channel = 'EMAIL'")
			.param("a", client.email())
			.query(UUID.class)
			.single();
		assertThat(mail.get("messageId").asString()).isEqualTo("<" + row + "@malipo.local>");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(this.jdbc.sql("""
				select status from notifications.outbox where address = :a and channel = 'EMAIL'
				""").param("a", client.email()).query(String.class).single()));
		// The log of everyone lists the newest first; the admin finds her by name.
		String log = new PageSession(this.port).signIn(this.api.admin())
			.get("/admin/notifications?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
			.body();
		String masked = client.email().charAt(0) + "***" + client.email().substring(client.email().indexOf('@'));
		assertThat(log).contains("Chebet")
			.contains(masked)
			.doesNotContain(client.email())
			.contains("data-status=\"SENT\"");
		assertThat(new PageSession(this.port).signIn(client).get("/admin/notifications").statusCode()).isEqualTo(403);
	}

	/** A person who chose Kiswahili is told in Kiswahili, in the app and by email. */
	@Test
	void swahiliSpeakersAreToldInSwahili() {
		Account client = this.api.register("CLIENT", null, "Auma " + tag());
		Account psychologist = this.api.register("PSYCHOLOGIST", 2300L, "Dr Wafula " + tag());
		assertThat(this.api
			.call(org.springframework.http.HttpMethod.PUT, "/api/me/preferences", client.token(),
					Map.of("language", "sw", "smsReminders", true))
			.status()).isEqualTo(200);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3, 14);
		JsonNode approved = awaitNotice(client, "SESSION_APPROVED", session);
		assertThat(approved.get("title").asString()).isEqualTo("Kikao kimekubaliwa: tafadhali lipa");
		assertThat(approved.get("body").asString()).contains("Dr Wafula").contains("amekubali").contains("KES 2,300");
		JsonNode mail = awaitMail(client.email(), "Kikao chako kimekubaliwa", Duration.ofSeconds(30));
		assertThat(mail.get("text").asString()).contains("Lipa KES 2,300 kwa M-Pesa");
		assertThat(mail.get("html").asString()).contains("lang=\"sw\"").contains("Fungua katika Malipo");
		// The psychologist kept English.
		assertThat(awaitNotice(psychologist, "SESSION_REQUESTED", session).get("title").asString())
			.isEqualTo("New session request");
		// M-Pesa's reasons too: the prompt cancelled on the phone.
		pay(client, session, TestPhones.local(1), "FAILED");
		JsonNode failed = awaitNotice(client, "PAYMENT_FAILED", session);
		assertThat(failed.get("title").asString()).isEqualTo("Malipo hayakufanikiwa");
		assertThat(failed.get("body").asString()).isEqualTo("Ulighairi ombi la M-Pesa. Unaweza kulipa tena.");
	}

	@Test
	void property63_aFailedPaymentTellsTheClientWhyAndHowToTryAgain() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1700);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 5);
		pay(client, session, TestPhones.local(1), "FAILED");
		JsonNode failed = awaitNotice(client, "PAYMENT_FAILED", session);
		assertThat(failed.get("body").asString()).containsIgnoringCase("cancel").contains("pay again");
		assertThat(failed.get("link").asString()).isEqualTo("/sessions/" + session + "/pay");
		assertThat(notices(psychologist, false)).noneMatch((notice) -> "PAYMENT_FAILED".equals(kind(notice)));
	}

	@Test
	void theOtherSideHearsOfADeclineOrCancellationWithTheReason() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1600);
		String declined = PaymentTestSupport.requestedSession(this.api, client, psychologist, 6, 0);
		assertThat(this.api
			.post("/api/sessions/" + declined + "/decline", psychologist.token(), Map.of("reason", "Away that week"))
			.status()).isEqualTo(200);
		assertThat(awaitNotice(client, "SESSION_DECLINED", declined).get("body").asString()).contains("Away that week");

		String cancelled = PaymentTestSupport.approvedSession(this.api, client, psychologist, 6, 2);
		assertThat(
				this.api.post("/api/sessions/" + cancelled + "/cancel", client.token(), Map.of("reason", "Exams moved"))
					.status())
			.isEqualTo(200);
		assertThat(awaitNotice(psychologist, "SESSION_CANCELLED", cancelled).get("body").asString())
			.contains("Exams moved");
		assertThat(notices(client, false)).noneMatch((notice) -> "SESSION_CANCELLED".equals(kind(notice)));
	}

	@Test
	void everyoneSeesOnlyTheirOwnAndMarksThemRead() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1500);
		String session = PaymentTestSupport.requestedSession(this.api, client, psychologist, 7, 0);
		JsonNode request = awaitNotice(psychologist, "SESSION_REQUESTED", session);
		String id = request.get("id").asString();

		Account stranger = this.api.psychologist(1500);
		assertThat(notices(stranger, false)).noneMatch((notice) -> id.equals(notice.get("id").asString()));
		assertThat(this.api.post("/api/notifications/" + id + "/read", stranger.token(), null).code())
			.isEqualTo("NOTIFICATION_NOT_FOUND");
		assertThat(this.api.get("/api/notifications", null).status()).isEqualTo(401);

		Response read = this.api.post("/api/notifications/" + id + "/read", psychologist.token(), null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body().get("readAt").isNull()).isFalse();
		assertThat(notices(psychologist, true)).noneMatch((notice) -> id.equals(notice.get("id").asString()));
		assertThat(notices(psychologist, false)).anyMatch((notice) -> id.equals(notice.get("id").asString()));
	}

	/** The bell counts what is unread; opening a notice reads it and follows its link. */
	@Test
	void theBellCountsAndOpeningANoticeReadsIt() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1550);
		String session = PaymentTestSupport.requestedSession(this.api, client, psychologist, 8, 0);
		String id = awaitNotice(psychologist, "SESSION_REQUESTED", session).get("id").asString();
		PageSession pages = new PageSession(this.port).signIn(psychologist);
		String page = pages.get("/notifications").body();
		assertThat(page).contains("New session request").contains("data-notice=\"" + id + "\"");
		assertThat(pages.get("/notifications/bell").body()).contains(">1<").contains("unread notification");
		assertThat(pages.get("/sessions").body()).contains("id=\"bell\"").contains("hx-get=\"/notifications/bell\"");

		java.net.http.HttpResponse<String> opened = pages.post("/notifications/" + id + "/open", "", page);
		assertThat(opened.statusCode()).isEqualTo(302);
		assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith("/sessions/" + session);
		assertThat(pages.get("/notifications/bell").body()).contains(">0<");
	}

	/** Language and SMS reminders are a person's to choose; receipts always go out. */
	@Test
	void preferencesAreOwnChecksAndKept() {
		Account client = this.api.client();
		Response defaults = this.api.get("/api/me/preferences", client.token());
		assertThat(defaults.status()).isEqualTo(200);
		assertThat(defaults.text("language")).isEqualTo("en");
		assertThat(defaults.body().get("smsReminders").asBoolean()).isTrue();
		assertThat(defaults.body().get("emailReceipts").asBoolean()).isTrue();

		Response chosen = this.api.call(org.springframework.http.HttpMethod.PUT, "/api/me/preferences", client.token(),
				Map.of("language", "sw", "smsReminders", false, "emailReceipts", true));
		assertThat(chosen.status()).isEqualTo(200);
		assertThat(this.api.get("/api/me/preferences", client.token()).text("language")).isEqualTo("sw");
		assertThat(this.api.get("/api/me/preferences", client.token()).body().get("smsReminders").asBoolean())
			.isFalse();
		assertThat(this.api.get("/api/me/preferences", this.api.client().token()).text("language")).isEqualTo("en");

		Response refused = this.api.call(org.springframework.http.HttpMethod.PUT, "/api/me/preferences", client.token(),
				Map.of("language", "fr", "emailReceipts", false));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body().get("errors").toString()).contains("language")
			.contains("smsReminders")
			.contains("emailReceipts");
		assertThat(this.api.get("/api/me/preferences", client.token()).text("language")).isEqualTo("sw");
		assertThat(this.api.get("/api/me/preferences", null).status()).isEqualTo(401);
	}

	/** A redelivered event (after a crash, or resubmitted) finds its notice written. */
	@Test
	void anEventDeliveredTwiceTellsOnce(Scenario scenario) {
		UserId psychologist = UserId.random();
		SessionEvent.Requested requested = new SessionEvent.Requested(SessionId.random(), UserId.random(), psychologist,
				Instant.parse("2026-12-07T07:00:00Z"), 50, Kes.of(1500), Instant.now());
		scenario.publish(requested).andWaitForStateChange(() -> count(psychologist), (count) -> count == 1);
		// Told again as its own event (a moment later): one event object published twice
		// would leave one of its publications open in the registry.
		SessionEvent.Requested again = new SessionEvent.Requested(requested.sessionId(), requested.clientId(),
				psychologist, requested.scheduledAt(), 50, Kes.of(1500), requested.occurredAt().plusMillis(1));
		this.transactions.executeWithoutResult((status) -> this.publisher.publishEvent(again));
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> count(psychologist) == 1);
		assertThat(this.jdbc.sql("select body from notifications.outbox where recipient = :r")
			.param("r", psychologist.value())
			.query(String.class)
			.single()).contains("Mon 7 Dec 2026, 10:00 EAT");
	}

	private JsonNode awaitMail(String to, String subjectPart, Duration within) {
		return await().atMost(within)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> StreamSupport
				.stream(this.api.get("/simulator/mailbox/messages?to=" + to, null).body().spliterator(), false)
				.filter((mail) -> mail.get("subject").asString().contains(subjectPart))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private int count(UserId recipient) {
		return this.jdbc.sql("select count(*) from notifications.outbox where recipient = :r")
			.param("r", recipient.value())
			.query(Integer.class)
			.single();
	}

	private void pay(Account client, String session, String phone, String outcome) {
		assertThat(
				this.api.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", session, "phoneNumber", phone))
					.status())
			.isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> outcome
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
	}

	private JsonNode awaitNotice(Account who, String kind, String session) {
		return awaitNotice(who, kind, session, Duration.ofSeconds(10));
	}

	private JsonNode awaitNotice(Account who, String kind, String session, Duration within) {
		return await().atMost(within)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> notices(who, false).stream()
				.filter((notice) -> kind.equals(kind(notice)) && notice.get("link").asString().contains(session))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private List<JsonNode> notices(Account who, boolean unread) {
		Response answer = this.api.get("/api/notifications?unread=" + unread, who.token());
		assertThat(answer.status()).isEqualTo(200);
		return StreamSupport.stream(answer.body().spliterator(), false).toList();
	}

	private static String kind(JsonNode notice) {
		return notice.get("kind").asString();
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
