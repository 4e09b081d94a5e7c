package ke.malipo.insights;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feedback (issue 15, the specification's post-deployment step): a client who paid rates
 * how paying went (1–5 and a comment, a second rating replaces the first), from the
 * session page or the API; a psychologist rates how clearly they see payments, once a
 * week; nobody else can rate a payment; anything unreadable is refused whole; the
 * insights page shows the ratings and comments beside the success rate; a data download
 * carries a person's ratings and an erasure removes them.
 */
@MalipoIntegrationTest
class FeedbackTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void aClientWhoPaidRatesHowPayingWentAndAdminsSeeItBesideTheSuccessRate() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.register("PSYCHOLOGIST", 1200L, "Dr Rated " + UUID.randomUUID());
		String session = paidSession(client, psychologist);
		Projections.caughtUp(this.jdbc, "insights");

		PageSession page = new PageSession(this.port).signIn(client);
		String sessionPage = page.get("/sessions/" + session).body();
		assertThat(sessionPage).contains("/feedback/sessions/" + session);
		String form = page.get("/feedback/sessions/" + session).body();
		assertThat(form).contains("How did paying go?").contains("name=\"score\"");
		HttpResponse<String> sent = page.post("/feedback/sessions/" + session,
				"score=4&comment=" + PageSession.enc("Quick, but the prompt came late"), sessionPage);
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(sent.headers().firstValue("Location").orElse("")).endsWith("/sessions/" + session);
		assertThat(page.get("/feedback/sessions/" + session).body()).contains("You rated it 4 of 5");

		// Rating again replaces the first; the API does the same.
		assertThat(rate(client, "/api/feedback/sessions/" + session, 5, "Easy").status()).isEqualTo(204);
		assertThat(this.jdbc.sql("""
				select count(*) from insights.ratings r join insights.payments p on p.payment_id = r.payment_id
				 where p.session_id = :session
				""").param("session", UUID.fromString(session)).query(Long.class).single()).isEqualTo(1);

		Account admin = this.api.admin();
		LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));
		String insights = new PageSession(this.port).signIn(admin)
			.get("/admin/insights?from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&psychologist="
					+ psychologist.id())
			.body();
		assertThat(insights).contains("5 of 5, from one rating").contains("Easy").contains("ratings-chart");
		assertThat(insights).doesNotContain("Quick, but the prompt came late");
	}

	@Test
	void aPageAsksAgainWhileThePaymentIsNotYetKnownAsPaidAndThenStops() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.register("PSYCHOLOGIST", 1250L, "Dr Waiting " + UUID.randomUUID());
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3);
		// A cancelled prompt: a payment of theirs insights knows, not paid.
		this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", TestPhones.local(1)));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus"),
					"FAILED"::equals);
		Projections.caughtUp(this.jdbc, "insights");
		PageSession page = new PageSession(this.port).signIn(client);
		assertThat(page.get("/feedback/sessions/" + session).body()).contains("tried=1").doesNotContain("<form");
		assertThat(page.get("/feedback/sessions/" + session + "?tried=10").body()).doesNotContain("hx-get");
		assertThat(new PageSession(this.port).signIn(this.api.client()).get("/feedback/sessions/" + session).body())
			.as("another client's session")
			.doesNotContain("hx-get");
	}

	@Test
	void onlyTheClientWhoPaidMayRateAndAnythingUnreadableIsRefusedWhole() {
		Account client = this.api.client();
		Account psychologist = this.api.register("PSYCHOLOGIST", 1300L, "Dr Guarded " + UUID.randomUUID());
		String session = paidSession(client, psychologist);
		String unpaid = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4);
		Projections.caughtUp(this.jdbc, "insights");

		assertThat(rate(this.api.client(), "/api/feedback/sessions/" + session, 5, null).code()).as("another client")
			.isEqualTo("NOTHING_TO_RATE");
		assertThat(rate(psychologist, "/api/feedback/sessions/" + session, 5, null).status()).isEqualTo(404);
		assertThat(rate(client, "/api/feedback/sessions/" + unpaid, 5, null).status()).as("not paid").isEqualTo(404);
		for (Map<String, Object> bad : List.of(Map.<String, Object>of("score", 0), Map.<String, Object>of("score", 6),
				Map.<String, Object>of("comment", "no score"),
				Map.<String, Object>of("score", 3, "comment", "x".repeat(1001)),
				Map.<String, Object>of("score", 3, "comment", "bell\u0007"))) {
			Api.Response refused = this.api.call(HttpMethod.PUT, "/api/feedback/sessions/" + session, client.token(),
					bad);
			assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
			assertThat(refused.code()).as(bad.toString()).isEqualTo("VALIDATION_FAILED");
		}
		assertThat(this.jdbc.sql("select count(*) from insights.ratings where rater_id = :client")
			.param("client", client.id())
			.query(Long.class)
			.single()).as("nothing half-written").isZero();
	}

	@Test
	void aPsychologistRatesHowClearlyTheySeePaymentsOnceAWeek() throws Exception {
		Account psychologist = this.api.register("PSYCHOLOGIST", 1400L, "Dr Clear " + UUID.randomUUID());
		assertThat(rate(psychologist, "/api/feedback/clarity", 3, "Which payment is whose?").status()).isEqualTo(204);
		assertThat(rate(psychologist, "/api/feedback/clarity", 4, null).status()).isEqualTo(204);
		assertThat(this.jdbc.sql("select count(*) from insights.ratings where rater_id = :p")
			.param("p", psychologist.id())
			.query(Long.class)
			.single()).as("one a week").isEqualTo(1);
		assertThat(rate(this.api.client(), "/api/feedback/clarity", 4, null).status()).isEqualTo(404);
		PageSession page = new PageSession(this.port).signIn(psychologist);
		assertThat(page.get("/payments").body()).contains("/feedback/clarity");
		assertThat(page.get("/feedback/clarity").body()).contains("This week you rated it 4 of 5");

		// The data download carries the rating; an erasure removes it.
		assertThat(this.api.text("/api/me/data", psychologist.token()).body()).contains("\"feedback\"")
			.containsPattern("\"score\"\\s*:\\s*4")
			.as("the second rating replaced the first, comment and all")
			.doesNotContain("Which payment is whose?");
		assertThat(this.api.post("/api/me/erasure", psychologist.token(), Map.of("password", Api.PASSWORD)).status())
			.isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from insights.ratings where rater_id = :p")
			.param("p", psychologist.id())
			.query(Long.class)
			.single()).as("erased").isZero();
	}

	private Api.Response rate(Account who, String path, int score, String comment) {
		Map<String, Object> body = new HashMap<>();
		body.put("score", score);
		body.put("comment", comment);
		return this.api.call(HttpMethod.PUT, path, who.token(), body);
	}

	private String paidSession(Account client, Account psychologist) {
		return PaymentTestSupport.settledSession(this.api, client, psychologist, 2, TestPhones.local(0), "PAID");
	}

}
