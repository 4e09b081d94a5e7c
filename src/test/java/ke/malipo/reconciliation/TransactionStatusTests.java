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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transaction Status as a source (issue 12): verifying a paid session whose receipt no
 * M-Pesa record shows asks M-Pesa about the receipt; the simulator posts its answer to
 * the question's own ResultURL, where it is stored raw, becomes a TRANSACTION_STATUS
 * record and reconciles the session again. An answer without the question's secret is
 * refused, and a repeated answer changes nothing.
 */
@MalipoIntegrationTest
class TransactionStatusTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	@Test
	void verifyingAPaidSessionAsksMpesaAboutItsReceiptAndTheAnswerProvesIt() {
		Account admin = this.api.admin();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1450);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 9, 1);
		assertThat(this.api
			.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)))
			.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		String receipt = this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber");
		Projections.caughtUp(this.jdbc, "reconciliation");

		Response verified = this.api.post("/api/reconciliation/verify/" + session, admin.token(), null);
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "COMPLETED"
				.equals(this.jdbc.sql("select outcome from reconciliation.status_requests where receipt = :receipt")
					.param("receipt", receipt)
					.query(String.class)
					.optional()
					.orElse(null)));
		assertThat(this.jdbc.sql("select answer from reconciliation.status_requests where receipt = :receipt")
			.param("receipt", receipt)
			.query(String.class)
			.single()).as("stored raw").contains("\"ReceiptNo\"").contains(receipt);
		assertThat(this.jdbc.sql(
				"select paid_in from reconciliation.records where receipt = :receipt and source = 'TRANSACTION_STATUS'")
			.param("receipt", receipt)
			.query(Long.class)
			.list()).containsExactly(1450L);

		// The answer reconciled the session again: paired by receipt, M-Pesa's side from
		// Transaction Status.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode item = onlyItem(admin, session);
			assertThat(item.get("status").asString()).isEqualTo("MATCHED");
			assertThat(item.get("mpesa").get("sources").toString()).contains("TRANSACTION_STATUS");
		});
		// Asked once: verifying again does not ask about a receipt M-Pesa confirmed.
		this.api.post("/api/reconciliation/verify/" + session, admin.token(), null);
		assertThat(this.jdbc.sql("select count(*) from reconciliation.status_requests where receipt = :receipt")
			.param("receipt", receipt)
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void anAnswerNeedsItsQuestionsSecretAndCountsOnce() throws Exception {
		UUID question = UUID.randomUUID();
		String secret = "q" + UUID.randomUUID().toString().replace("-", "");
		this.jdbc.sql("""
				insert into reconciliation.status_requests (id, secret_sha256, receipt, asked_at, asked_by)
				values (:id, :secret, 'TBN31H462N', :now, 'test')
				""")
			.param("id", question)
			.param("secret", sha256(secret))
			.param("now", Timestamp.from(Instant.now()))
			.update();
		String answer = Fixtures.daraja("transaction-status-result.json");

		assertThat(post("/hooks/reconciliation/status-result/" + question + "/" + secret + "x", answer))
			.as("a wrong secret")
			.isEqualTo(404);
		assertThat(post("/hooks/reconciliation/status-result/" + UUID.randomUUID() + "/" + secret, answer))
			.as("no such question")
			.isEqualTo(404);
		assertThat(outcome(question)).isNull();

		assertThat(post("/hooks/reconciliation/status-result/" + question + "/" + secret, answer)).isEqualTo(200);
		assertThat(post("/hooks/reconciliation/status-result/" + question + "/" + secret,
				answer.replace("TBN31H462N", "TBN31H462X")))
			.as("again")
			.isEqualTo(200);
		assertThat(post("/hooks/reconciliation/status-timeout/" + question + "/" + secret, "{}")).isEqualTo(200);
		assertThat(outcome(question)).isEqualTo("COMPLETED");
		assertThat(this.jdbc.sql("""
				select receipt || ' ' || paid_in || ' ' || phone from reconciliation.records
				 where source = 'TRANSACTION_STATUS' and details like '%AG_20250223_0000493344ae97d86f75'
				   and fingerprint = encode(sha256(convert_to(:question || chr(31) || receipt, 'UTF8')), 'hex')
				""").param("question", question.toString()).query(String.class).list())
			.containsExactly("TBN31H462N 1500 254708374149");
	}

	private @Nullable String outcome(UUID question) {
		return this.jdbc.sql("select outcome from reconciliation.status_requests where id = :id")
			.param("id", question)
			.query((rs, row) -> java.util.Optional.ofNullable(rs.getString(1)))
			.single()
			.orElse(null);
	}

	private int post(String path, String body) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode();
		}
	}

	private JsonNode onlyItem(Account admin, String session) {
		Response view = this.api.get("/api/reconciliation/session/" + session, admin.token());
		assertThat(view.status()).as(view.toString()).isEqualTo(200);
		List<JsonNode> decisions = StreamSupport.stream(view.body().get("decisions").spliterator(), false).toList();
		assertThat(decisions).hasSize(1);
		return decisions.get(0);
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
