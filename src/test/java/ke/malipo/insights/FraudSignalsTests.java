package ke.malipo.insights;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fraud signals end to end (issue 15, C13): three clients paying from one phone through
 * the simulator; the third payment is flagged (one phone paying for several clients), the
 * finance desk shows the flag on its row and its reason on the transaction (and keeps it
 * under "flagged only"), admins are told once, the insights page lists it, and the first
 * client's ordinary payment is not flagged.
 */
@MalipoIntegrationTest
class FraudSignalsTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void onePhonePayingForSeveralClientsIsFlaggedOnTheDesk() throws Exception {
		Account anAdmin = this.api.admin();
		Account psychologist = this.api.register("PSYCHOLOGIST", 1600L, "Dr Watchful " + UUID.randomUUID());
		String phone = TestPhones.local(0);
		List<String> payments = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			payments.add(pay(this.api.client(), psychologist, i + 1, phone));
		}
		Projections.caughtUp(this.jdbc, "insights");
		Projections.caughtUp(this.jdbc, "finance");

		assertThat(flag(payments.get(0))).as("the first client's payment is ordinary").isNull();
		assertThat(flag(payments.get(2))).contains("SHARED_PHONE");

		// Every admin is told once, with the reason and a link to the payment.
		List<tools.jackson.databind.JsonNode> told = await().atMost(Duration.ofSeconds(15))
			.until(() -> fraudNotices(anAdmin, payments.get(2)), (found) -> !found.isEmpty());
		assertThat(told).hasSize(1);
		assertThat(told.get(0).get("body").asString()).contains("one phone paying for several clients");
		assertThat(fraudNotices(anAdmin, payments.get(0))).isEmpty();

		PageSession admin = new PageSession(this.port).signIn(this.api.admin());
		String transaction = admin.get("/admin/transactions/" + payments.get(2)).body();
		assertThat(transaction).contains("id=\"fraud-flags\"").contains("One phone paying for several clients");
		assertThat(admin.get("/admin/transactions/" + payments.get(0)).body()).doesNotContain("id=\"fraud-flags\"");
		String desk = admin.get("/admin/transactions?psychologist=" + psychologist.id()).body();
		assertThat(desk).contains("badge flagged");
		// "Flagged only" keeps the flagged payment and drops the ordinary ones.
		String flaggedOnly = admin.get("/admin/transactions?flagged=true&psychologist=" + psychologist.id()).body();
		assertThat(flaggedOnly).contains("data-payment=\"" + payments.get(2) + "\"")
			.doesNotContain("data-payment=\"" + payments.get(0) + "\"");
		assertThat(this.api.get("/api/admin/transactions?flagged=maybe", this.api.admin().token()).code())
			.isEqualTo("VALIDATION_FAILED");

		LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));
		String insights = admin
			.get("/admin/insights?from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&psychologist="
					+ psychologist.id())
			.body();
		assertThat(insights).contains("data-payment=\"" + payments.get(2) + "\"")
			.doesNotContain("data-payment=\"" + payments.get(0) + "\"");
	}

	private List<tools.jackson.databind.JsonNode> fraudNotices(Account admin, String payment) {
		tools.jackson.databind.JsonNode notices = this.api.get("/api/notifications", admin.token()).body();
		return java.util.stream.StreamSupport.stream(notices.spliterator(), false)
			.filter((notice) -> "FRAUD_ALERT".equals(notice.get("kind").asString()))
			.filter((notice) -> notice.get("link").asString().equals("/admin/transactions/" + payment))
			.toList();
	}

	private String flag(String payment) {
		return this.jdbc.sql("select reasons from finance.flags where payment_id = :id")
			.param("id", UUID.fromString(payment))
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private String pay(Account client, Account psychologist, int days, String phone) {
		String session = PaymentTestSupport.settledSession(this.api, client, psychologist, days, phone, "PAID");
		return this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentId");
	}

}
