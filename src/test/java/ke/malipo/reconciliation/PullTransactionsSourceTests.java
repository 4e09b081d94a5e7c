package ke.malipo.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedReports;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.Projections;
import ke.malipo.support.ReconciliationHistory;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pull Transactions as a source of M-Pesa's records (issue 12): a run reads the hours it
 * needs from the simulated Pull API, page by page, and its records cover those hours; a
 * payment whose answer and callback were both lost is settled by what Pull shows; and
 * when Pull is down the run says so and stays INCOMPLETE, never reporting the hour as
 * empty, until a later run reads it.
 */
@MalipoIntegrationTest
class PullTransactionsSourceTests {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	SimulatedReports reports;

	@Autowired
	SimulatedDaraja simulator;

	@AfterEach
	void backToNow() {
		this.reports.pullDown(false);
		this.clock.reset();
		ReconciliationHistory.forgetAfter(this.jdbc, this.clock.instant());
	}

	@Test
	void pullRecordsCoverTheirHoursAndSettleMoneyWhoseAnswerWasLost() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1650);
		String paid = PaymentTestSupport.approvedSession(this.api, client, psychologist, 7, 1);
		String lost = PaymentTestSupport.approvedSession(this.api, client, psychologist, 7, 3);
		pay(client, paid, TestPhones.local(0), "PAID");
		Instant paidAt = this.clock.instant();
		UUID lostPayment = UUID.fromString(this.api
			.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", lost, "phoneNumber", "0711000991"))
			.text("paymentId"));
		assertThat(PaymentTestSupport.state(this.jdbc, lostPayment)).isEqualTo("UNKNOWN");
		Projections.caughtUp(this.jdbc, "reconciliation");
		// M-Pesa takes the money a moment later, at the real time, before the clock
		// moves.
		String reference = this.jdbc.sql("select reference from payments.attempts where id = :id")
			.param("id", lostPayment)
			.query(String.class)
			.single();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.simulator.paidBetween(paidAt.minusSeconds(60), this.clock.instant())
				.stream()
				.anyMatch((t) -> t.accountReference().endsWith(reference)));

		// Two hours on, the payments' hour has settled in M-Pesa's records (and earlier
		// sign-ins have expired).
		this.clock.advance(Duration.ofHours(2));
		Account admin = this.api.admin();
		client = this.api.login(client.email(), "correct-horse-battery", client.id());
		LocalDate day = paidAt.atZone(EAT).toLocalDate();
		Response run = run(admin, day);
		assertThat(run.body().get("sourceProblems")).isEmpty();
		assertThat(coveredBy(run, paidAt)).containsExactly("PULL");

		JsonNode matched = onlyItem(admin, paid);
		assertThat(matched.get("status").asString()).as(matched.toString()).isEqualTo("MATCHED");
		assertThat(matched.get("rule").asString()).isEqualTo("RECEIPT");
		assertThat(matched.get("mpesa").get("sources").toString()).contains("PULL");

		// M-Pesa's Pull records settle it: through this run (the item says so), or
		// through
		// payments' own resolver, which reads the same records on its schedule and may
		// have got there first once the clock moved.
		assertThat(PaymentTestSupport.state(this.jdbc, lostPayment)).isEqualTo("PAID");
		assertThat(PaymentTestSupport.history(this.jdbc, lostPayment))
			.anyMatch((line) -> line.contains("M-Pesa's Pull Transactions records") || line.startsWith("PAID Receipt"));
		assertThat(this.jdbc.sql("""
				select coalesce(resolution, status) || ' ' || record_sources from reconciliation.items
				 where payment_id = :id and run_id = (select id from reconciliation.runs where scope_session is null
				                                       order by started_at desc limit 1)
				""").param("id", lostPayment).query(String.class).single()).isIn("AUTO_APPLIED PULL", "MATCHED PULL");
		assertThat(this.api.get("/api/sessions/" + lost, client.token()).text("status")).isEqualTo("CONFIRMED");
	}

	@Test
	void whenPullIsDownTheRunSaysSoAndAReadingLaterCompletesIt() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1550);
		String paid = PaymentTestSupport.approvedSession(this.api, client, psychologist, 8, 1);
		pay(client, paid, TestPhones.local(0), "PAID");
		Instant paidAt = this.clock.instant();
		Projections.caughtUp(this.jdbc, "reconciliation");
		this.clock.advance(Duration.ofHours(2));
		Account admin = this.api.admin();
		LocalDate day = paidAt.atZone(EAT).toLocalDate();

		this.reports.pullDown(true);
		Response down = run(admin, day);
		assertThat(down.text("status")).isEqualTo("INCOMPLETE");
		assertThat(down.body().get("sourceProblems").toString()).contains("Pull Transactions").contains("500.003.1001");
		assertThat(coveredBy(down, paidAt)).as("an hour Pull could not read is not covered").isEmpty();
		JsonNode waiting = onlyItem(admin, paid);
		assertThat(waiting.get("status").asString()).isEqualTo("PENDING_VERIFICATION");
		assertThat(waiting.get("rule").asString()).isEqualTo("NOT_COVERED");

		this.reports.pullDown(false);
		Response back = run(admin, day);
		assertThat(back.body().get("sourceProblems")).isEmpty();
		assertThat(coveredBy(back, paidAt)).containsExactly("PULL");
		assertThat(onlyItem(admin, paid).get("status").asString()).isEqualTo("MATCHED");
	}

	private Response run(Account admin, LocalDate day) {
		Response run = this.api.post("/api/reconciliation/run", admin.token(),
				Map.of("from", day.toString(), "to", day.toString()));
		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		Response view = this.api.get("/api/reconciliation/runs/" + run.text("id"), admin.token());
		assertThat(view.status()).as(view.toString()).isEqualTo(200);
		return view;
	}

	/** The sources covering the hour of a moment, as the run's coverage shows them. */
	private static List<String> coveredBy(Response run, Instant at) {
		return StreamSupport.stream(run.body().get("coverage").spliterator(), false)
			.filter((stretch) -> !Instant.parse(stretch.get("from").asString()).isAfter(at)
					&& Instant.parse(stretch.get("to").asString()).isAfter(at))
			.findFirst()
			.map((stretch) -> StreamSupport.stream(stretch.get("sources").spliterator(), false)
				.map(JsonNode::asString)
				.toList())
			.orElseThrow();
	}

	private JsonNode onlyItem(Account admin, String session) {
		Response view = this.api.get("/api/reconciliation/session/" + session, admin.token());
		assertThat(view.status()).as(view.toString()).isEqualTo(200);
		List<JsonNode> decisions = StreamSupport.stream(view.body().get("decisions").spliterator(), false).toList();
		assertThat(decisions).as("the items of session %s", session).hasSize(1);
		return decisions.get(0);
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

}
