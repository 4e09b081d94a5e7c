package ke.malipo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.TestClockConfiguration;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9: the unauthenticated callback stored a 100 MB body as one inbox row, login
 * parsed a 50 MB JSON body, and a large form answered 500. Bodies over the limit are now
 * refused with 413 before anything reads them, refused callbacks keep only a few KB, and
 * an address that keeps sending refused callbacks is turned away while genuine callbacks
 * still go through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.payments.refused-callbacks.per-address=5",
				"malipo.payments.refused-callbacks.window=1h" })
@Import({ TestClockConfiguration.class, Api.Configuration.class })
class UnboundedInputTests {

	private static final int OVER_LIMIT = 300 * 1024;

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void oversizedBodiesAreRefusedBeforeAnythingReadsThem() throws Exception {
		int inboxBefore = inboxRows();
		String bigJson = "{\"email\":\"a@b.ke\",\"password\":\"" + "x".repeat(OVER_LIMIT) + "\"}";
		for (String path : new String[] { "/api/auth/login", "/api/payments/stk-callback/" + "a".repeat(64),
				"/api/mpesa/callback/abc" }) {
			HttpResponse<String> answer = post(path, "application/json", HttpRequest.BodyPublishers.ofString(bigJson));
			assertThat(answer.statusCode()).as(path).isEqualTo(413);
			assertThat(answer.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(answer.body()).contains("\"code\":\"BODY_TOO_LARGE\"");
		}
		HttpResponse<String> chunked = post("/api/auth/login", "application/json",
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bigJson.getBytes())));
		assertThat(chunked.statusCode()).as("a chunked body").isEqualTo(413);
		HttpResponse<String> form = post("/register", "application/x-www-form-urlencoded",
				HttpRequest.BodyPublishers.ofString("name=" + "x".repeat(OVER_LIMIT)));
		assertThat(form.statusCode()).as("a large form").isEqualTo(413);
		assertThat(inboxRows()).as("nothing stored").isEqualTo(inboxBefore);
	}

	@Test
	void smallChunkedBodiesStillWork() throws Exception {
		Account account = this.api.client();
		String login = "{\"email\":\"" + account.email() + "\",\"password\":\"" + Api.PASSWORD + "\"}";
		HttpResponse<String> answer = post("/api/auth/login", "application/json",
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(login.getBytes())));
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"token\"");
	}

	@Test
	void refusedCallbacksAreCutShortAndAFloodIsTurnedAwayButGenuineOnesPass() throws Exception {
		// Every test of this JVM calls from 127.0.0.1 and shares the database: start this
		// address's count afresh.
		this.jdbc.sql("delete from limits.events where bucket like 'callback-refused:%'").update();
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1100), 4);
		String checkout = this.api
			.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(9)))
			.text("checkoutRequestId");
		SimulatedTransaction prompt = this.simulator.transaction(checkout).orElseThrow();

		String junk = "{\"junk\":\"" + "j".repeat(10_000) + "\"}";
		String forged = "/api/payments/stk-callback/" + "b".repeat(64);
		for (int i = 0; i < 5; i++) {
			assertThat(post(forged, "application/json", HttpRequest.BodyPublishers.ofString(junk)).statusCode())
				.isEqualTo(403);
		}
		assertThat(this.jdbc.sql("select max(length(body)) from payments.callback_inbox where status = 'REJECTED'")
			.query(Integer.class)
			.single()).as("refused bodies are cut").isLessThan(2200);
		int stored = inboxRows();
		HttpResponse<String> flood = post(forged, "application/json", HttpRequest.BodyPublishers.ofString(junk));
		assertThat(flood.statusCode()).isEqualTo(429);
		assertThat(flood.headers().firstValue("Retry-After")).isPresent();
		assertThat(flood.body()).contains("TOO_MANY_REFUSED_CALLBACKS");
		assertThat(inboxRows()).as("the flood is not stored").isEqualTo(stored);

		String genuine = PaymentTestSupport.successCallback(prompt.merchantRequestId(), checkout, 1100,
				"TU" + checkout.substring(checkout.length() - 8).replaceAll("[^0-9A-Z]", "0"), prompt.phone());
		assertThat(post("/api/payments/stk-callback/" + PaymentTestSupport.tokenOf(prompt), "application/json",
				HttpRequest.BodyPublishers.ofString(genuine))
			.statusCode()).as("a genuine callback from the same address").isEqualTo(200);
		PaymentTestSupport.awaitApplied(this.jdbc, prompt);
		assertThat(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus"))
			.isEqualTo("PAID");
	}

	private int inboxRows() {
		return this.jdbc.sql("select count(*) from payments.callback_inbox").query(Integer.class).single();
	}

	private HttpResponse<String> post(String path, String type, HttpRequest.BodyPublisher body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", type)
			.header("Accept", "application/json")
			.POST(body)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
