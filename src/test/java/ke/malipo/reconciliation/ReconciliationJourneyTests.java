package ke.malipo.reconciliation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconciliation over the running application (issue 12): clients pay through the
 * simulated M-Pesa, the admin uploads the simulator's org-portal statement with one row
 * tampered, runs the range, sees the paid session matched by its receipt, the failed one
 * agreeing that no money moved, and the tampered one flagged with both records and why;
 * closes it with a note; and the session, orphans, summary and report read the same. Only
 * admins get in.
 */
@MalipoIntegrationTest
class ReconciliationJourneyTests {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Test
	void aStatementWithOneTamperedRowIsReconciledAndTheDiscrepancyClosed() throws Exception {
		Account admin = this.api.admin();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1800);
		String paid = PaymentTestSupport.approvedSession(this.api, client, psychologist, 5, 1);
		String tampered = PaymentTestSupport.approvedSession(this.api, client, psychologist, 5, 3);
		String failed = PaymentTestSupport.approvedSession(this.api, client, psychologist, 5, 5);
		pay(client, paid, TestPhones.local(0), "PAID");
		pay(client, tampered, TestPhones.local(0), "PAID");
		pay(client, failed, TestPhones.local(1), "FAILED");
		Projections.caughtUp(this.jdbc, "reconciliation");
		String paidReceipt = receiptOf(client, paid);
		String tamperedReceipt = receiptOf(client, tampered);

		// Yesterday too: a payment made just before midnight belongs to yesterday.
		LocalDate today = LocalDate.now(EAT);
		LocalDate yesterday = today.minusDays(1);
		String statement = this.api.text("/simulator/statement.csv?from=" + yesterday + "&to=" + today, admin.token())
			.body();
		List<String> lines = statement.lines().toList();
		String ours = lines.stream()
			.filter((line) -> !line.contains(",Completed,") || line.startsWith(paidReceipt)
					|| line.startsWith(tamperedReceipt))
			.map((line) -> line.startsWith(tamperedReceipt) ? line.replace("\"1,800.00\"", "\"1,700.00\"") : line)
			.collect(Collectors.joining("\r\n", "", "\r\n"));
		Response uploaded = this.api.upload("/api/reconciliation/statements", admin.token(), "statement.csv",
				ours.getBytes(StandardCharsets.UTF_8));
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		assertThat(uploaded.body().get("added").asInt()).isEqualTo(2);

		Response run = this.api.post("/api/reconciliation/run", admin.token(),
				Map.of("from", yesterday.toString(), "to", today.toString()));
		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		// The day is not over, so M-Pesa's records cannot cover it yet.
		assertThat(run.text("status")).isEqualTo("INCOMPLETE");
		assertThat(run.body().get("uncoveredHours").asInt()).isPositive();
		assertThat(run.body().get("tieOut").get("tiesOut").asBoolean()).isTrue();

		JsonNode matched = onlyItem(admin, paid);
		assertThat(matched.get("status").asString()).isEqualTo("MATCHED");
		assertThat(matched.get("rule").asString()).isEqualTo("RECEIPT");
		assertThat(matched.get("mpesa").get("phone").asString()).contains("****");
		JsonNode agreed = onlyItem(admin, failed);
		assertThat(agreed.get("status").asString()).isEqualTo("MATCHED");
		assertThat(agreed.get("rule").asString()).isEqualTo("NO_MONEY");
		JsonNode flagged = onlyItem(admin, tampered);
		assertThat(flagged.get("status").asString()).isEqualTo("DISCREPANCY");
		assertThat(flagged.get("problem").asString()).isEqualTo("AMOUNT_MISMATCH");
		assertThat(flagged.get("payment").get("amount").asLong()).isEqualTo(1800);
		assertThat(flagged.get("mpesa").get("amount").asLong()).isEqualTo(1700);
		assertThat(flagged.get("explanation").asString()).contains("KES 1,800 here").contains("KES 1,700 at M-Pesa");

		Response session = this.api.get("/api/reconciliation/session/" + tampered, admin.token());
		assertThat(session.text("status")).isEqualTo("DISCREPANCY");
		assertThat(StreamSupport.stream(session.body().get("items").spliterator(), false)
			.map((line) -> line.get("source").asString())
			.toList()).containsExactlyInAnyOrder("MALIPO", "STATEMENT");

		Response closed = this.api.post("/api/reconciliation/items/resolve", admin.token(),
				Map.of("itemIds", List.of(flagged.get("id").asString()), "note", "M-Pesa charged a fee; agreed"));
		assertThat(closed.body().get("closed").asInt()).isEqualTo(1);
		assertThat(this.api
			.post("/api/reconciliation/items/resolve", admin.token(),
					Map.of("itemIds", List.of(flagged.get("id").asString()), "note", "again"))
			.body()
			.get("closed")
			.asInt()).as("closed once").isZero();

		Api.TextResponse report = this.api.text("/api/reconciliation/report?runId=" + run.text("id"), admin.token());
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.headers().getContentType()).hasToString("text/csv;charset=UTF-8");
		assertThat(report.body()).contains(tamperedReceipt).contains("AMOUNT_MISMATCH").contains(paidReceipt);

		Response summary = this.api.get("/api/reconciliation/summary", admin.token());
		assertThat(summary.status()).isEqualTo(200);
		assertThat(summary.body().get("lastRun").get("id").asString()).isEqualTo(run.text("id"));
		assertThat(this.api.get("/api/reconciliation/orphaned", admin.token()).status()).isEqualTo(200);

		// The same desk in Kiswahili (issue 14): each admin page in its words, no key
		// missing, and days named as in Kiswahili; the recorded evidence stays as
		// recorded.
		ke.malipo.support.PageSession swahili = new ke.malipo.support.PageSession(this.port).signIn(admin);
		swahili.get("/language?to=sw&back=/");
		Map<String, String> words = new java.util.LinkedHashMap<>();
		words.put("/admin/reconciliation", "Pakia taarifa ya M-Pesa");
		words.put("/admin/reconciliation/runs/" + run.text("id"), "Kiasi hakilingani");
		words.put("/admin/reconciliation/items/" + flagged.get("id").asString(), "Kimefungwa kama kimeelezwa");
		words.put("/admin/transactions", "Miamala ya M-Pesa");
		words.put("/admin/transactions/" + flagged.get("payment").get("paymentId").asString(), "Mfuatano wa matukio");
		words.put("/admin/audit", "Kumbukumbu ni sahihi");
		words.put("/admin/notifications", "Kila arifa ambayo Malipo imetoa");
		for (Map.Entry<String, String> page : words.entrySet()) {
			String body = swahili.get(page.getKey()).body();
			assertThat(body).as(page.getKey()).contains("lang=\"sw\"").contains(page.getValue()).doesNotContain("??");
		}
		assertThat(swahili.get("/admin/reconciliation/runs/" + run.text("id")).body())
			.as("a moment named in Kiswahili, written dd/MM/yyyy")
			.containsPattern(
					"(Jumatatu|Jumanne|Jumatano|Alhamisi|Ijumaa|Jumamosi|Jumapili) \\d{2}/\\d{2}/\\d{4}, \\d{2}:\\d{2} EAT")
			.contains(flagged.get("explanation").asString().replace("'", "&#39;"));
	}

	/**
	 * The common case settles itself: a push whose answer and callback were both lost
	 * (the simulator's lost-answer number) left the payment UNKNOWN while M-Pesa took the
	 * money; the statement shows it with our reference, so the run pairs them
	 * (STATUS_MISMATCH) and settles the payment through payments' late-money rule, noting
	 * what it did on the item.
	 */
	@Test
	void moneyTheStatementProvesForAnUnknownPaymentIsAppliedByItself() throws Exception {
		Account admin = this.api.admin();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1850);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 6, 2);
		Response started = this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", "0711000991"));
		UUID payment = UUID.fromString(started.text("paymentId"));
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("UNKNOWN");
		Projections.caughtUp(this.jdbc, "reconciliation");
		String reference = this.jdbc.sql("select reference from reconciliation.payments where payment_id = :id")
			.param("id", payment)
			.query(String.class)
			.single();

		LocalDate today = LocalDate.now(EAT);
		LocalDate yesterday = today.minusDays(1);
		String row = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.text("/simulator/statement.csv?from=" + yesterday + "&to=" + today, admin.token())
				.body()
				.lines()
				.filter((line) -> line.endsWith(reference))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		List<String> lines = this.api.text("/simulator/statement.csv?from=" + yesterday + "&to=" + today, admin.token())
			.body()
			.lines()
			.toList();
		String statement = lines.stream()
			.filter((line) -> !line.contains(",Completed,") || line.equals(row))
			.collect(Collectors.joining("\r\n", "", "\r\n"));
		assertThat(this.api
			.upload("/api/reconciliation/statements", admin.token(), "statement.csv",
					statement.getBytes(StandardCharsets.UTF_8))
			.status()).isEqualTo(201);
		assertThat(this.api
			.post("/api/reconciliation/run", admin.token(),
					Map.of("from", yesterday.toString(), "to", today.toString()))
			.status()).isEqualTo(200);

		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("PAID");
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("status")).isEqualTo("CONFIRMED");
		assertThat(PaymentTestSupport.history(this.jdbc, payment))
			.anyMatch((line) -> line.contains("M-Pesa's statement"));
		Projections.caughtUp(this.jdbc, "reconciliation");
		JsonNode item = onlyItem(admin, session);
		assertThat(item.get("problem").isNull()).as("it is paid now, so the session's own run agrees").isTrue();
		assertThat(item.get("status").asString()).isEqualTo("MATCHED");
		assertThat(this.jdbc.sql("""
				select resolution || ': ' || resolution_note from reconciliation.items
				 where payment_id = :id and problem = 'STATUS_MISMATCH' and resolution is not null
				""").param("id", payment).query(String.class).list()).singleElement()
			.asString()
			.startsWith("AUTO_APPLIED: M-Pesa's statement proves receipt")
			.endsWith("the payment is now PAID.");

		// The automatic fix is in the audit trail, by reconciliation on M-Pesa's word.
		Projections.caughtUp(this.jdbc, "audit");
		assertThat(this.jdbc.sql("""
				select count(*) from audit.entries where subject = :subject and actor_role = 'SYSTEM'
				   and actor_name = 'reconciliation' and action = 'PAYMENT_STATUS_CHANGED'""")
			.param("subject", "payment:" + payment)
			.query(Long.class)
			.single()).isEqualTo(1);

		// Withdrawn by an admin: the item reopens with the reason and what was done; the
		// payment stays as M-Pesa's record made it.
		UUID fixed = this.jdbc
			.sql("select id from reconciliation.items where payment_id = :id and resolution = 'AUTO_APPLIED'")
			.param("id", payment)
			.query(UUID.class)
			.single();
		ke.malipo.support.PageSession desk = new ke.malipo.support.PageSession(this.port).signIn(admin);
		assertThat(desk.get("/admin/reconciliation/items/" + fixed).body()).contains("Fixed automatically")
			.contains("/admin/reconciliation/items/withdraw");
		assertThat(this.api
			.post("/api/reconciliation/items/withdraw-automatic", client.token(),
					Map.of("itemIds", List.of(fixed), "note", "Customer disputes it"))
			.status()).isEqualTo(403);
		Response withdrawn = this.api.post("/api/reconciliation/items/withdraw-automatic", admin.token(),
				Map.of("itemIds", List.of(fixed), "note", "Customer disputes it"));
		assertThat(withdrawn.body().get("closed").asInt()).isEqualTo(1);
		Map<String, Object> reopened = this.jdbc
			.sql("select resolution, resolution_note from reconciliation.items where id = :id")
			.param("id", fixed)
			.query()
			.singleRow();
		assertThat(reopened.get("resolution")).isNull();
		assertThat((String) reopened.get("resolution_note")).startsWith("Automatic fix withdrawn by user:" + admin.id())
			.contains("Customer disputes it")
			.contains("What was done: M-Pesa's statement proves receipt");
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("PAID");
		assertThat(desk.get("/admin/reconciliation/items/" + fixed).body()).contains("Automatic fix withdrawn by")
			.doesNotContain("Fixed automatically");
		assertThat(this.api
			.post("/api/reconciliation/items/withdraw-automatic", admin.token(),
					Map.of("itemIds", List.of(fixed), "note", "Customer disputes it"))
			.body()
			.get("closed")
			.asInt()).as("only automatic fixes are withdrawn, once").isZero();
	}

	@Test
	void onlyAdminsReconcile() {
		Account client = this.api.client();
		String session = UUID.randomUUID().toString();
		for (String path : List.of("/api/reconciliation/summary", "/api/reconciliation/orphaned",
				"/api/reconciliation/session/" + session, "/api/reconciliation/report?runId=" + session)) {
			assertThat(this.api.get(path, client.token()).status()).as(path).isEqualTo(403);
			assertThat(this.api.get(path, null).status()).as(path).isEqualTo(401);
		}
		assertThat(this.api
			.post("/api/reconciliation/run", client.token(), Map.of("from", "2026-01-01", "to", "2026-01-01"))
			.status()).isEqualTo(403);
		Account admin = this.api.admin();
		Response backwards = this.api.post("/api/reconciliation/run", admin.token(),
				Map.of("from", "2026-01-02", "to", "2026-01-01"));
		assertThat(backwards.code()).isEqualTo("INVALID_RANGE");
		assertThat(this.api.post("/api/reconciliation/run", admin.token(), Map.of("from", "2026-01-02")).status())
			.isEqualTo(400);
		assertThat(this.api.get("/api/reconciliation/session/" + session, admin.token()).code())
			.isEqualTo("NOTHING_TO_RECONCILE");
	}

	private JsonNode onlyItem(Account admin, String session) {
		Response view = this.api.get("/api/reconciliation/session/" + session, admin.token());
		assertThat(view.status()).as(view.toString()).isEqualTo(200);
		List<JsonNode> decisions = StreamSupport.stream(view.body().get("decisions").spliterator(), false).toList();
		assertThat(decisions).as("the items of session %s", session).hasSize(1);
		return decisions.get(0);
	}

	private String receiptOf(Account client, String session) {
		return this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber");
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
