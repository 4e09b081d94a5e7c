package ke.malipo.payments;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.PageSession;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages of a payment over real HTTP with a signed-in browser session: booking,
 * approval, the payment panel that refreshes every 3 seconds with a progress indicator
 * until M-Pesa answers, the receipt, the reason and Retry, and the psychologist's list
 * that refreshes by itself (Properties 15, 16, 17, 24, 27, 32, 33, 34, 36). Journeys in a
 * real browser come with the browser tests.
 */
@MalipoIntegrationTest
class PaymentPagesTests {

	@Autowired
	Api api;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	@Autowired
	ke.malipo.support.MutableClock clock;

	@org.junit.jupiter.api.AfterEach
	void resetClock() {
		this.clock.reset();
	}

	/**
	 * After the PIN the panel moves on to "Confirming with M-Pesa…" (issue 14): M-Pesa
	 * says nothing between the PIN and its answer, so a moment after the prompt went out
	 * the panel shows the money being checked, with the step announced as current.
	 */
	@Test
	void thePanelMovesFromThePinToConfirming() throws Exception {
		Account client = this.api.client();
		Account therapist = this.api.psychologist(1500);
		String session = PaymentTestSupport.approvedSession(this.api, client, therapist, 3);
		// A number that waits on the virtual phone: nobody answers during this test.
		assertThat(
				this.api
					.post("/api/mpesa/initiate", client.token(),
							java.util.Map.of("sessionId", session, "phoneNumber",
									ke.malipo.support.TestPhones.local(9)))
					.status())
			.as("accepted: the prompt is on its way")
			.isEqualTo(202);
		PageSession pages = browser().signIn(client);
		String enterPin = pages.get("/sessions/" + session + "/pay/status").body();
		assertThat(enterPin).containsPattern("aria-current=\"step\"[^>]*>Enter your M-Pesa PIN")
			.doesNotContain("If you entered your PIN");
		this.clock.advance(java.time.Duration.ofSeconds(20));
		String confirming = pages.get("/sessions/" + session + "/pay/status").body();
		assertThat(confirming).containsPattern("aria-current=\"step\"[^>]*>Confirming with M-Pesa")
			.contains("If you entered your PIN, this takes a few seconds. Please do not pay again.");
	}

	private PageSession browser() {
		return new PageSession(this.port);
	}

	private String bookAndApprove(PageSession client, PageSession psychologist, Account therapist) throws Exception {
		String when = LocalDateTime.now(ZoneId.of("Africa/Nairobi"))
			.plusDays(3)
			.truncatedTo(ChronoUnit.HOURS)
			.toString();
		HttpResponse<String> booked = client.post("/sessions/new",
				"psychologistId=" + therapist.id() + "&when=" + PageSession.enc(when) + "&duration=50",
				client.get("/sessions/new").body());
		assertThat(booked.statusCode()).isEqualTo(302);
		String list = psychologist.get("/sessions").body();
		Matcher approve = Pattern.compile("/sessions/([0-9a-f-]{36})/approve").matcher(list);
		assertThat(approve.find()).as("the request shows with Approve").isTrue();
		String session = approve.group(1);
		assertThat(psychologist.post("/sessions/" + session + "/approve", "", list).statusCode()).isEqualTo(302);
		return session;
	}

	/**
	 * Property 32 (confirmed payment updates therapist dashboard), 33 (dashboard shows
	 * payment status), 34 (session details show transaction id), 36 (dashboard
	 * distinguishes payment status).
	 */
	@Test
	void property15_property16_property17_property24_property32_property33_property34_property36_payingShowsProgressThenTheReceiptEverywhere()
			throws Exception {
		Account clientAccount = this.api.client();
		Account therapist = this.api.psychologist(1600);
		PageSession client = browser().signIn(clientAccount);
		PageSession psychologist = browser().signIn(therapist);
		String session = bookAndApprove(client, psychologist, therapist);

		String before = psychologist.get("/sessions/rows").body();
		assertThat(before).contains("data-session=\"" + session + "\"")
			.contains("pay-unpaid")
			.doesNotContain("pay-paid");
		String sessions = client.get("/sessions").body();
		assertThat(sessions).contains("/sessions/" + session + "/pay").contains("Pay now").contains("KES 1,600");
		String panel = client.get("/sessions/" + session + "/pay").body();
		assertThat(panel).contains("KES 1,600")
			.as("the M-Pesa number on the account, filled in (issue 14)")
			.contains("value=\"0712 345 678\"")
			.contains("name=\"phoneNumber\"")
			.contains("data-submit-once")
			.contains("/js/phone.js");

		HttpResponse<String> paid = client.post("/sessions/" + session + "/pay",
				"phoneNumber=" + PageSession.enc(TestPhones.local(9)), panel);
		assertThat(paid.statusCode()).isEqualTo(302);
		String waiting = client.get("/sessions/" + session + "/pay").body();
		assertThat(waiting).contains("hx-trigger=\"every 3s\"")
			.contains("role=\"progressbar\"")
			.contains("Check your phone")
			.doesNotContain("id=\"pay-form\"");

		String checkout = this.api.get("/api/mpesa/status/" + session, clientAccount.token()).text("paymentId");
		assertThat(checkout).isNotBlank();
		String phone = client.get("/simulator/phone").body();
		Matcher accept = Pattern.compile("/simulator/phone/(ws_CO_[0-9A-Za-z_]+)/accept").matcher(phone);
		assertThat(accept.find()).isTrue();
		String acceptPath = "/simulator/phone/" + accept.group(1) + "/accept";
		String prompt = phone;
		// Accept every waiting prompt of this test's number (the page may list others
		// too).
		assertThat(client.post(acceptPath, "pin=1234", prompt).statusCode()).isEqualTo(302);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> client.get("/sessions/" + session + "/pay/status").body().contains("Payment received"));
		String done = client.get("/sessions/" + session + "/pay/status").body();
		// Polling stops; only the feedback form is fetched, once.
		assertThat(done).contains("M-Pesa receipt")
			.doesNotContain("hx-trigger=\"every")
			.contains("hx-get=\"/feedback/sessions/" + session + "\"");

		String psychologistView = psychologist.get("/sessions/rows").body();
		String receipt = this.jdbc
			.sql("select receipt from payments.attempts where session_id = cast(:s as uuid) and state = 'PAID'")
			.param("s", session)
			.query(String.class)
			.single();
		assertThat(psychologistView).contains("pay-paid").doesNotContain("pay-unpaid").contains(">" + receipt + "<");
		assertThat(psychologist.get("/sessions").body()).contains("hx-trigger=\"every 5s\"");
	}

	@Test
	void property27_aCancelledPaymentShowsTheReasonAndRetry() throws Exception {
		Account clientAccount = this.api.client();
		Account therapist = this.api.psychologist(1700);
		PageSession client = browser().signIn(clientAccount);
		PageSession psychologist = browser().signIn(therapist);
		String session = bookAndApprove(client, psychologist, therapist);
		String panel = client.get("/sessions/" + session + "/pay").body();
		String cancelling = TestPhones.local(1);
		client.post("/sessions/" + session + "/pay", "phoneNumber=" + PageSession.enc(cancelling), panel);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> client.get("/sessions/" + session + "/pay/status").body().contains("You cancelled"));
		String failed = client.get("/sessions/" + session + "/pay").body();
		assertThat(failed).contains("You cancelled the M-Pesa prompt").contains(">Retry<").contains("id=\"pay-form\"");
		String refreshed = client.get("/sessions/" + session + "/pay/status").body();
		assertThat(refreshed).as("the refreshed part brings Retry with the number just used")
			.contains(">Retry<")
			.contains(cancelling.substring(0, 4) + " " + cancelling.substring(4, 7) + " " + cancelling.substring(7));
		assertThat(client.get("/sessions").body()).contains("Payment failed").contains("Pay now");
	}

	/**
	 * The pay page of a session that can no longer be paid says why, and invites no
	 * further M-Pesa request (issue 14).
	 */
	@Test
	void aCancelledSessionsPayPageSaysWhyItCannotBePaid() throws Exception {
		Account clientAccount = this.api.client();
		Account therapist = this.api.psychologist(1700);
		PageSession client = browser().signIn(clientAccount);
		String session = bookAndApprove(client, browser().signIn(therapist), therapist);
		String panel = client.get("/sessions/" + session + "/pay").body();
		client.post("/sessions/" + session + "/pay", "phoneNumber=" + PageSession.enc(TestPhones.local(1)), panel);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> client.get("/sessions/" + session + "/pay/status").body().contains("You cancelled"));
		assertThat(this.api.post("/api/sessions/" + session + "/cancel", clientAccount.token(), null).status())
			.isEqualTo(200);
		String after = client.get("/sessions/" + session + "/pay").body();
		assertThat(after).contains("This session is cancelled and cannot be paid.")
			.doesNotContain("Tap Retry")
			.doesNotContain("id=\"pay-form\"");
	}

	@Test
	void property9_anInvalidNumberIsExplainedOnThePanel() throws Exception {
		Account clientAccount = this.api.client();
		Account therapist = this.api.psychologist(1700);
		PageSession client = browser().signIn(clientAccount);
		String session = bookAndApprove(client, browser().signIn(therapist), therapist);
		String panel = client.get("/sessions/" + session + "/pay").body();
		client.post("/sessions/" + session + "/pay", "phoneNumber=" + PageSession.enc("0812 345 678"), panel);
		assertThat(client.get("/sessions/" + session + "/pay").body()).contains("07 or 01")
			.contains("value=\"0812 345 678\"");
	}

}
