package ke.malipo.reconciliation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.Fixtures;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real-time checks (issue 12): when M-Pesa's record of a paid payment's receipt arrives
 * between runs and disagrees (here a Transaction Status answer with another amount and
 * another account), the difference is found at once, listed for admins, announced to
 * them, and closed with a note.
 */
@MalipoIntegrationTest
class LiveChecksTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	@Test
	void aRecordThatDisagreesWithAPaidPaymentIsFoundAtOnce() throws Exception {
		Account admin = this.api.admin();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1350);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 10, 1);
		assertThat(this.api
			.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)))
			.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		String receipt = this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber");
		Projections.caughtUp(this.jdbc, "reconciliation");
		assertThat(findings(admin, receipt)).as("it agreed when it settled").isEmpty();

		// M-Pesa's answer about the receipt: KES 1,300, to another account.
		UUID question = UUID.randomUUID();
		String secret = "q" + UUID.randomUUID().toString().replace("-", "");
		this.jdbc.sql("""
				insert into reconciliation.status_requests (id, secret_sha256, receipt, asked_at, asked_by)
				values (:id, :secret, :receipt, :now, 'test')
				""")
			.param("id", question)
			.param("secret", sha256(secret))
			.param("receipt", receipt)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		String answer = Fixtures.daraja("transaction-status-result.json")
			.replace("TBN31H462N", receipt)
			.replace("\"Value\": 1500.0", "\"Value\": 1300.0");
		try (HttpClient http = HttpClient.newHttpClient()) {
			assertThat(http
				.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + this.port + "/hooks/reconciliation/status-result/"
							+ question + "/" + secret))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(answer))
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
		}

		List<JsonNode> found = findings(admin, receipt);
		assertThat(found).extracting((finding) -> finding.get("problem").asString())
			.containsExactlyInAnyOrder("AMOUNT_MISMATCH", "PHONE_MISMATCH");
		assertThat(found).filteredOn((finding) -> finding.get("problem").asString().equals("AMOUNT_MISMATCH"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.get("detail").asString())
				.isEqualTo("M-Pesa's transaction status shows KES 1300 for receipt " + receipt
						+ "; the payment is for KES 1350."));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.api.get("/api/notifications", admin.token()).body().toString())
				.contains("Payment " + receipt + " disagrees with M-Pesa"));

		String id = found.get(0).get("id").asString();
		Response refused = this.api.post("/api/reconciliation/findings/" + id + "/close", admin.token(),
				Map.of("note", ""));
		assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(this.api
			.post("/api/reconciliation/findings/" + id + "/close", admin.token(),
					Map.of("note", "M-Pesa reversed KES 50; agreed with the client"))
			.status()).isEqualTo(204);
		assertThat(findings(admin, receipt)).hasSize(1);
		assertThat(
				this.api.post("/api/reconciliation/findings/" + id + "/close", admin.token(), Map.of("note", "again"))
					.code())
			.isEqualTo("FINDING_NOT_FOUND");
		assertThat(this.api.get("/api/reconciliation/findings", client.token()).status()).isEqualTo(403);
	}

	private List<JsonNode> findings(Account admin, String receipt) {
		return StreamSupport
			.stream(this.api.get("/api/reconciliation/findings", admin.token()).body().spliterator(), false)
			.filter((finding) -> finding.get("receipt").asString().equals(receipt))
			.toList();
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
