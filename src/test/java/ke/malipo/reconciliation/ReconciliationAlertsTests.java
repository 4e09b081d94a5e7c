package ke.malipo.reconciliation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.Role;
import ke.malipo.identity.internal.Registration;
import ke.malipo.reconciliation.internal.Reconciler;
import ke.malipo.reconciliation.internal.WebhookSender;
import ke.malipo.reconciliation.internal.WebhookSignature;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a daily close with open differences sets off (issue 12): every admin is told in
 * the app, by email and by SMS; each registered webhook receives one signed delivery, and
 * one that fails is retried with backoff and logged. Webhook URLs are checked.
 */
@MalipoIntegrationTest
class ReconciliationAlertsTests {

	private static final String HEADER = "Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,"
			+ "Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.";

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Registration registration;

	@Autowired
	WebhookSender sender;

	@Autowired
	Reconciler reconciler;

	@Value("${local.server.port}")
	int port;

	@Test
	void aRunWithOpenDifferencesAlertsAdminsAndCallsWebhooks() {
		String phone = TestPhones.local(0);
		String email = "alert-admin-" + UUID.randomUUID() + "@test.ke";
		UUID adminId = this.registration
			.create(new Registration.NewAccount("Alert Admin", email, Api.PASSWORD, Msisdn.parse(phone), Role.ADMIN,
					null))
			.id()
			.value();
		Account admin = this.api.login(email, Api.PASSWORD, adminId);
		String inbox = "inbox-" + UUID.randomUUID();
		Response good = this.api.post("/api/reconciliation/webhooks", admin.token(),
				Map.of("url", "http://localhost:" + this.port + "/simulator/webhook-inbox/" + inbox));
		assertThat(good.status()).as(good.toString()).isEqualTo(201);
		String secret = good.text("secret");
		assertThat(secret).startsWith("whsec_");
		Response failing = this.api.post("/api/reconciliation/webhooks", admin.token(),
				Map.of("url", "http://localhost:" + this.port + "/simulator/webhook-inbox/fail-" + inbox));
		assertThat(failing.status()).isEqualTo(201);

		// A long-past day of its own whose statement shows money no payment claims.
		LocalDate day = LocalDate.of(1980, 1, 1).plusDays(Math.floorMod(inbox.hashCode(), 3000));
		String date = String.format("%02d-%02d-%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear());
		String receipt = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
		String csv = "Time Period,From " + date + " 00:00:00 To " + date + " 23:59:59\r\n" + HEADER + "\r\n" + receipt
				+ "," + date + " 09:00:30," + date + " 09:00:05,Pay Bill Online,Completed,\"1,250.00\",,\"1,250.00\","
				+ "true,Pay Bill Online,2547****0001 - ANN,,Malipo" + "ZZZ999\r\n";
		assertThat(this.api
			.upload("/api/reconciliation/statements", admin.token(), "statement.csv",
					csv.getBytes(StandardCharsets.UTF_8))
			.status()).isEqualTo(201);
		// The schedule's close of the day (what alerts admins; a run by hand does not).
		String runId = this.reconciler.reconcilePayments(day, day, "schedule").toString();

		// One signed delivery, carrying the run and what is left open.
		List<JsonNode> received = await().atMost(Duration.ofSeconds(20)).until(() -> {
			this.sender.deliverDue();
			return StreamSupport
				.stream(this.api.get("/simulator/webhook-inbox/" + inbox, null).body().spliterator(), false)
				.toList();
		}, (list) -> !list.isEmpty());
		assertThat(received).hasSize(1);
		JsonNode delivery = received.get(0);
		String body = delivery.get("body").asString();
		assertThat(delivery.get("headers").get("malipo-event-id").asString()).isEqualTo(runId);
		assertThat(WebhookSignature.verify(secret, delivery.get("headers").get("malipo-signature").asString(), body,
				Instant.now(), Duration.ofMinutes(5)))
			.isTrue();
		assertThat(WebhookSignature.verify(secret + "x", delivery.get("headers").get("malipo-signature").asString(),
				body, Instant.now(), Duration.ofMinutes(5)))
			.as("another secret")
			.isFalse();
		assertThat(WebhookSignature.verify(secret, delivery.get("headers").get("malipo-signature").asString(),
				body.replace("\"openProblems\":1", "\"openProblems\":0"), Instant.now(), Duration.ofMinutes(5)))
			.as("a changed body")
			.isFalse();
		assertThat(body).contains("\"type\":\"reconciliation.run.finished\"")
			.contains("\"runId\":\"" + runId + "\"")
			.contains("\"openProblems\":1")
			.contains("\"mpesaPaidIn\":1250");

		// The failing endpoint was tried once, logged, and waits for its retry.
		JsonNode failed = endpoint(admin, failing.text("id")).get("recentDeliveries").get(0);
		assertThat(failed.get("status").asString()).isEqualTo("PENDING");
		assertThat(failed.get("attempts").asInt()).isEqualTo(1);
		assertThat(failed.get("lastStatusCode").asInt()).isEqualTo(500);
		assertThat(Duration.between(Instant.now(), Instant.parse(failed.get("nextAttemptAt").asString())))
			.isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));
		assertThat(this.sender.deliverDue()).as("nothing due before its retry").isZero();
		assertThat(this.api
			.call(HttpMethod.DELETE, "/api/reconciliation/webhooks/" + failing.text("id"), admin.token(), null)
			.status()).isEqualTo(204);
		assertThat(endpoint(admin, failing.text("id")).get("recentDeliveries").get(0).get("status").asString())
			.isEqualTo("FAILED");
		assertThat(
				this.api.call(HttpMethod.DELETE, "/api/reconciliation/webhooks/" + good.text("id"), admin.token(), null)
					.status())
			.isEqualTo(204);

		// Every admin is told: in the app, by email and by SMS.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.api.get("/api/notifications", admin.token()).body().toString())
				.contains("Reconciliation needs you")
				.contains("/admin/reconciliation/runs/" + runId);
			assertThat(this.api.get("/simulator/mailbox/messages?to=" + email, null).body().toString())
				.contains("Reconciliation of " + day + ": 1 differences to look at");
			assertThat(this.api.get("/simulator/sms?to=" + TestPhones.msisdnOf(phone), null).body().toString())
				.contains("reconciliation of " + day + " found 1 differences");
		});
	}

	@Test
	void webhookUrlsAreChecked() {
		Account admin = this.api.admin();
		for (String url : List.of("ftp://example.com/hook", "http://example.com/hook", "https://user:pw@example.com/x",
				"not a url", "/relative")) {
			Response refused = this.api.post("/api/reconciliation/webhooks", admin.token(), Map.of("url", url));
			assertThat(refused.status()).as(url).isEqualTo(400);
			assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
		}
		assertThat(this.api
			.post("/api/reconciliation/webhooks", this.api.client().token(), Map.of("url", "https://example.com/hook"))
			.status()).isEqualTo(403);
		assertThat(this.api
			.call(HttpMethod.DELETE, "/api/reconciliation/webhooks/" + UUID.randomUUID(), admin.token(), null)
			.code()).isEqualTo("WEBHOOK_NOT_FOUND");
	}

	private JsonNode endpoint(Account admin, String id) {
		return StreamSupport
			.stream(this.api.get("/api/reconciliation/webhooks", admin.token()).body().spliterator(), false)
			.filter((endpoint) -> endpoint.get("id").asString().equals(id))
			.findFirst()
			.orElseThrow();
	}

}
