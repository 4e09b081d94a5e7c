package ke.malipo.insights;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trends (issue 15, C13): payments made through the simulator appear in insights by the
 * day they were started, with their KES total, success rate and failure reasons, for one
 * psychologist's filtered view and by week; the page draws them and the API gives the
 * same figures. Other tests' payments share the database, so each view is narrowed to
 * this test's own psychologist.
 */
@MalipoIntegrationTest
class InsightsTests {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void paymentsBecomeTrendsWithTheirTotalRateAndReasons() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.register("PSYCHOLOGIST", 1750L, "Dr Trend " + UUID.randomUUID());
		pay(client, psychologist, 1, 0, "PAID");
		pay(client, psychologist, 2, 0, "PAID");
		pay(client, psychologist, 3, 1, "FAILED");
		Projections.caughtUp(this.jdbc, "insights");
		Account admin = this.api.admin();
		LocalDate today = LocalDate.now(EAT);
		String view = "from=" + today.minusDays(2) + "&to=" + today.plusDays(2) + "&psychologist=" + psychologist.id();

		Api.Response daily = this.api.get("/api/admin/insights?" + view, admin.token());
		assertThat(daily.status()).isEqualTo(200);
		JsonNode total = daily.body().get("total");
		assertThat(total.get("started").asLong()).isEqualTo(3);
		assertThat(total.get("paid").asLong()).isEqualTo(2);
		assertThat(total.get("failed").asLong()).isEqualTo(1);
		assertThat(total.get("valueKes").asLong()).as("two sessions at KES 1,750").isEqualTo(3500);
		assertThat(total.get("successRate").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(daily.body().get("periods")).as("five days, empty ones as zero").hasSize(5);
		long startedOnDays = 0;
		for (JsonNode period : daily.body().get("periods")) {
			startedOnDays += period.get("started").asLong();
			if (period.get("started").asLong() == 0) {
				assertThat(period.get("successRate").isNull()).isTrue();
			}
		}
		assertThat(startedOnDays).isEqualTo(3);
		JsonNode reason = daily.body().get("failureReasons").get(0);
		assertThat(reason.get("code").asString()).isEqualTo("1032");
		assertThat(reason.get("times").asLong()).isEqualTo(1);
		assertThat(reason.get("words").asString()).isEqualTo("Cancelled by the customer");
		assertThat(daily.body().get("byPsychologist")).hasSize(1);
		assertThat(daily.body().get("byPsychologist").get(0).get("name").asString()).startsWith("Dr Trend");

		Api.Response weekly = this.api.get("/api/admin/insights?by=week&" + view, admin.token());
		JsonNode firstWeek = weekly.body().get("periods").get(0);
		assertThat(LocalDate.parse(firstWeek.get("start").asString()))
			.isEqualTo(today.minusDays(2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
		assertThat(weekly.body().get("total").get("valueKes").asLong()).isEqualTo(3500);

		String page = new PageSession(this.port).signIn(admin).get("/admin/insights?" + view).body();
		assertThat(page).contains("KES 3,500").contains("66.7%").contains("<svg").contains("Cancelled by the customer");
	}

	@Test
	void aViewThatCannotBeReadIsRefusedWithEveryProblemNamed() throws Exception {
		Account admin = this.api.admin();
		for (String query : java.util.List.of("from=2026-02-01&to=2026-01-31", "from=2025-01-01&to=2026-06-01",
				"from=soon", "by=month", "psychologist=someone", "by=week&from=2023-01-01&to=2026-01-01")) {
			Api.Response refused = this.api.get("/api/admin/insights?" + query, admin.token());
			assertThat(refused.status()).as(query).isEqualTo(400);
			assertThat(refused.code()).as(query).isEqualTo("VALIDATION_FAILED");
		}
		assertThat(this.api.get("/api/admin/insights", this.api.client().token()).status()).isEqualTo(403);
		String page = new PageSession(this.port).signIn(admin).get("/admin/insights?by=month").body();
		assertThat(page).contains("must be day or week").doesNotContain("<svg");
	}

	private void pay(Account client, Account psychologist, int days, int phoneDigit, String outcome) {
		PaymentTestSupport.settledSession(this.api, client, psychologist, days, TestPhones.local(phoneDigit), outcome);
	}

}
