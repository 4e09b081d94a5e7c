package ke.malipo.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.audit.internal.Sequencer;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail over the running application (issue 13, Properties 66–69): a client
 * pays a session; the log then holds the initiation with its session, amount, masked
 * phone, client and attempt, every status change with where it came from, where it went
 * and why, each with its time, actor and action; an admin's desk search (with its
 * filters), export, receipt download and reconciliation run are recorded too; and the
 * chained log verifies.
 */
@MalipoIntegrationTest
class AuditTrailTests {

	@Autowired
	Api api;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Sequencer sequencer;

	@Test
	void property66to68_everyPaymentActionIsRecordedWithItsActorAndEveryChangeWithFromAndTo() {
		Account admin = this.api.admin();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1250);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 11, 1);
		String phone = TestPhones.local(0);
		Response started = this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", phone));
		assertThat(started.status()).isEqualTo(202);
		String payment = started.text("paymentId");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		// This payment's entries: its initiation and its change to PAID (waiting for
		// these
		// alone, not for every audit publication of the suite).
		await().atMost(Duration.ofSeconds(20)).until(() -> this.jdbc.sql("""
				select count(*) filter (where action = 'PAYMENT_STATUS_CHANGED' and detail like '% to PAID;%')
				       + count(*) filter (where action = 'PAYMENT_INITIATED')
				  from audit.entries where subject = :subject
				""").param("subject", "payment:" + payment).query(Integer.class).single() == 2);
		this.sequencer.sequence();

		List<JsonNode> rows = rows(admin, "subject=payment:" + payment);
		// Property 66: every entry has its time, actor and action, and is chained.
		assertThat(rows).isNotEmpty().allSatisfy((row) -> {
			assertThat(row.get("at").asString()).isNotBlank();
			assertThat(row.get("actor").get("role").asString()).isIn("CLIENT", "MPESA", "SYSTEM", "ADMIN");
			assertThat(row.get("action").asString()).startsWith("PAYMENT_");
			assertThat(row.get("seq").asLong()).isPositive();
			assertThat(row.get("hash").asString()).hasSize(64);
		});
		// Property 67: the initiation with its session, amount, masked phone, client and
		// attempt, by the client.
		JsonNode initiated = only(rows, "PAYMENT_INITIATED");
		assertThat(initiated.get("actor").get("id").asString()).isEqualTo(client.id().toString());
		assertThat(initiated.get("actor").get("role").asString()).isEqualTo("CLIENT");
		assertThat(initiated.get("detail").asString()).contains("session " + session)
			.contains("KES 1,250")
			.contains("client " + client.id())
			.contains("attempt " + payment)
			.contains("****")
			.doesNotContain(TestPhones.msisdnOf(phone));
		// Property 68: each change of state with from, to and cause; the money proven by
		// M-Pesa's callback.
		List<String> changes = rows.stream()
			.filter((row) -> row.get("action").asString().equals("PAYMENT_STATUS_CHANGED"))
			.map((row) -> row.get("detail").asString())
			.toList();
		assertThat(changes).anySatisfy((change) -> assertThat(change).startsWith("from INITIATED to "));
		assertThat(rows)
			.filteredOn((row) -> row.get("action").asString().equals("PAYMENT_STATUS_CHANGED")
					&& row.get("detail").asString().contains(" to PAID"))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("actor").get("role").asString()).isEqualTo("MPESA");
				assertThat(row.get("detail").asString()).contains("cause: ").contains("CALLBACK");
			});

		Response verified = this.api.get("/api/admin/audit/verify", admin.token());
		assertThat(verified.body().get("ok").asBoolean()).as(verified.toString()).isTrue();

		assertThat(this.api.get("/api/admin/audit", client.token()).status()).isEqualTo(403);
	}

	@Test
	void property69_everyAdminAccessToPaymentDataIsRecordedWithItsFilters() throws Exception {
		Account admin = this.api.admin();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.api.get("/api/admin/transactions?q=" + tag + "&phone=0712345678&status=PAID", admin.token())
			.status()).isEqualTo(200);
		assertThat(this.api.text("/api/admin/transactions.csv?q=" + tag, admin.token()).status()).isEqualTo(200);
		assertThat(this.api
			.post("/api/reconciliation/run", admin.token(), Map.of("from", "1979-01-01", "to", "1979-01-01"))
			.status()).isEqualTo(200);
		this.sequencer.sequence();

		List<JsonNode> rows = rows(admin, "actor=" + admin.id());
		assertThat(rows).anySatisfy((row) -> {
			assertThat(row.get("action").asString()).isEqualTo("ADMIN_SEARCHED");
			assertThat(row.get("actor").get("role").asString()).isEqualTo("ADMIN");
			assertThat(row.get("detail").asString()).startsWith("GET /api/admin/transactions")
				.contains("q=" + tag)
				.contains("status=PAID")
				.contains("phone=0712***678")
				.endsWith("-> 200");
		});
		assertThat(rows).anySatisfy((row) -> assertThat(row.get("action").asString()).isEqualTo("ADMIN_EXPORTED"));
		// Whatever was typed, the access is recorded: a NUL (which no PostgreSQL text
		// takes)
		// is written visibly.
		java.net.http.HttpResponse<String> nul = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI
					.create("http://localhost:" + this.port + "/api/admin/transactions?q=" + tag + "%00x"))
				.header("Authorization", "Bearer " + admin.token())
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(nul.statusCode()).as("refused, and still recorded").isEqualTo(400);
		this.sequencer.sequence();
		assertThat(rows(admin, "actor=" + admin.id()))
			.anySatisfy((row) -> assertThat(row.get("detail").asString()).contains("q=" + tag + "\\u0000x"));
		assertThat(rows).anySatisfy((row) -> {
			assertThat(row.get("action").asString()).isEqualTo("ADMIN_RECONCILED");
			assertThat(row.get("subject").asString()).isEqualTo("/api/reconciliation/run");
		});
	}

	@Test
	void property69_anAdminsLooksAtSessionsAreRecordedAndTheirOwnDoNotCount() {
		Account admin = this.api.admin();
		Account client = this.api.client();
		String session = PaymentTestSupport.requestedSession(this.api, client, this.api.psychologist(1200), 6, 0);
		assertThat(this.api.get("/api/sessions/" + session, admin.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/sessions/" + session, client.token()).status()).isEqualTo(200);
		this.sequencer.sequence();

		assertThat(rows(admin, "actor=" + admin.id())).anySatisfy((row) -> {
			assertThat(row.get("action").asString()).isEqualTo("ADMIN_VIEWED_SESSIONS");
			assertThat(row.get("subject").asString()).isEqualTo("/api/sessions/" + session);
		});
		assertThat(rows(admin, "actor=" + client.id())).as("a client's own look is not an admin access").isEmpty();
	}

	private List<JsonNode> rows(Account admin, String query) {
		Response page = this.api.get("/api/admin/audit?" + query, admin.token());
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return StreamSupport.stream(page.body().get("rows").spliterator(), false).toList();
	}

	private static JsonNode only(List<JsonNode> rows, String action) {
		return rows.stream().filter((row) -> row.get("action").asString().equals(action)).reduce((a, b) -> {
			throw new AssertionError("two " + action);
		}).orElseThrow(() -> new AssertionError("no " + action));
	}

}
