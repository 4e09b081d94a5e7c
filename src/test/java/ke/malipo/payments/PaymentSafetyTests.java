package ke.malipo.payments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What must never happen to money: two pushes for one session under a storm of requests
 * (R2), and state changes from forged callbacks (Properties 20, 46; R4).
 */
@MalipoIntegrationTest
class PaymentSafetyTests {

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	/**
	 * A callback is kept as evidence once applied, without the payer's full number (issue
	 * 13); the attempt keeps the number it pushed to.
	 */
	@Test
	void anAppliedCallbackIsKeptWithoutThePayersFullNumber() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(900), 5);
		String phone = PaymentFlowTests.phone(0);
		String msisdn = "254" + phone.substring(1);
		this.api.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", session, "phoneNumber", phone));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		String receipt = this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber");
		List<String> bodies = this.jdbc.sql("""
				select i.body from payments.callback_inbox i join payments.attempts a on a.id = i.attempt_id
				 where a.session_id = cast(:session as uuid) and i.status = 'APPLIED'""")
			.param("session", session)
			.query(String.class)
			.list();
		assertThat(bodies).hasSize(1);
		assertThat(bodies.get(0)).contains(receipt).doesNotContain(msisdn).contains(msisdn.substring(9));
		assertThat(this.jdbc.sql("select phone from payments.attempts where session_id = cast(:session as uuid)")
			.param("session", session)
			.query(String.class)
			.single()).isEqualTo(msisdn);
	}

	@Test
	void hundredSimultaneousInitiationsSendExactlyOnePush() throws Exception {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(900), 4);
		String phone = PaymentFlowTests.phone(9);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(100)) {
			for (int i = 0; i < 100; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return this.api.post("/api/mpesa/initiate", client.token(),
							Map.of("sessionId", session, "phoneNumber", phone));
				}));
			}
			start.countDown();
			int accepted = 0;
			for (Future<Response> answer : answers) {
				Response response = answer.get();
				if (response.status() == 202) {
					accepted++;
				}
				else {
					assertThat(response.status()).as(response.toString()).isEqualTo(409);
					assertThat(response.code()).isEqualTo("PAYMENT_IN_PROGRESS");
				}
			}
			assertThat(accepted).isEqualTo(1);
		}
		String msisdn = "254" + phone.substring(1);
		assertThat(this.simulator.transactions().stream().filter((t) -> t.phone().equals(msisdn)).count()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from payments.attempts where session_id = cast(:s as uuid)")
			.param("s", session)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void property20_property46_forgedCallbacksChangeNothing() throws Exception {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(900), 4);
		String phone = PaymentFlowTests.phone(9);
		Response started = this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", phone));
		String checkout = started.text("checkoutRequestId");
		SimulatedTransaction prompt = this.simulator.transaction(checkout).orElseThrow();
		String forgedBody = PaymentTestSupport.successCallback(prompt.merchantRequestId(), checkout, 900, "TFORGED001",
				prompt.phone());

		assertThat(post("/api/mpesa/callback/not-a-real-token", forgedBody)).isEqualTo(403);
		assertThat(post("/api/payments/stk-callback/" + "a".repeat(64), forgedBody)).isEqualTo(403);

		String token = tokenOfAnotherAttempt();
		assertThat(post("/api/payments/stk-callback/" + token, forgedBody)).as("a real token, another payment")
			.isEqualTo(403);

		Response status = this.api.get("/api/mpesa/status/" + session, client.token());
		assertThat(status.text("paymentStatus")).isEqualTo("PROCESSING");
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("status")).isEqualTo("APPROVED");
		assertThat(this.jdbc.sql("select count(*) from payments.callback_inbox where status = 'REJECTED'")
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(3);
		this.simulator.cancel(checkout);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "FAILED"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
	}

	@Test
	void aCallbackForAnotherAmountOrNumberGoesToReviewNeverToPaid() throws Exception {
		for (String mismatch : new String[] { "amount", "phone" }) {
			Account client = this.api.client();
			String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(900), 4);
			String checkout = this.api
				.post("/api/mpesa/initiate", client.token(),
						Map.of("sessionId", session, "phoneNumber", PaymentFlowTests.phone(9)))
				.text("checkoutRequestId");
			SimulatedTransaction prompt = this.simulator.transaction(checkout).orElseThrow();
			long amount = "amount".equals(mismatch) ? 90 : 900;
			String phone = "amount".equals(mismatch) ? prompt.phone() : "254799999999";
			String body = PaymentTestSupport.successCallback(prompt.merchantRequestId(), checkout, amount,
					"TMISMATCH" + ("amount".equals(mismatch) ? "1" : "2"), phone);
			assertThat(post("/api/payments/stk-callback/" + PaymentTestSupport.tokenOf(prompt), body)).isEqualTo(200);
			PaymentTestSupport.awaitApplied(this.jdbc, prompt);
			Response status = this.api.get("/api/mpesa/status/" + session, client.token());
			assertThat(status.text("attemptState")).as(mismatch).isEqualTo("NEEDS_REVIEW");
			assertThat(status.text("paymentStatus")).isEqualTo("PROCESSING");
			assertThat(status.text("message")).contains("do not pay again");
			assertThat(this.api.get("/api/sessions/" + session, client.token()).text("status")).isEqualTo("APPROVED");
		}
	}

	@Test
	void aReceiptThatAlreadyProvedAnotherPaymentNeverPaysASecondSession() throws Exception {
		Account first = this.api.client();
		String paidSession = PaymentTestSupport.approvedSession(this.api, first, this.api.psychologist(800), 4);
		this.api.post("/api/mpesa/initiate", first.token(),
				Map.of("sessionId", paidSession, "phoneNumber", PaymentFlowTests.phone(0)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + paidSession, first.token()).text("paymentStatus")));
		String usedReceipt = this.api.get("/api/mpesa/status/" + paidSession, first.token()).text("mpesaReceiptNumber");

		Account second = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, second, this.api.psychologist(800), 4);
		String checkout = this.api
			.post("/api/mpesa/initiate", second.token(),
					Map.of("sessionId", session, "phoneNumber", PaymentFlowTests.phone(9)))
			.text("checkoutRequestId");
		SimulatedTransaction prompt = this.simulator.transaction(checkout).orElseThrow();
		String body = PaymentTestSupport.successCallback(prompt.merchantRequestId(), checkout, 800, usedReceipt,
				prompt.phone());
		assertThat(post("/api/payments/stk-callback/" + PaymentTestSupport.tokenOf(prompt), body)).isEqualTo(200);
		PaymentTestSupport.awaitApplied(this.jdbc, prompt);

		Response status = this.api.get("/api/mpesa/status/" + session, second.token());
		assertThat(status.text("attemptState")).isEqualTo("NEEDS_REVIEW");
		assertThat(status.text("mpesaReceiptNumber")).isEmpty();
		assertThat(this.api.get("/api/sessions/" + session, second.token()).text("status")).isEqualTo("APPROVED");
		assertThat(this.jdbc.sql("select status from payments.callback_inbox where attempt_id = cast(:id as uuid)")
			.param("id", status.text("paymentId"))
			.query(String.class)
			.list()).as("applied, nothing left to retry").containsExactly("APPLIED");
	}

	/**
	 * A real token of some other attempt: the simulator received it in a CallBackURL,
	 * like anyone who could read one callback URL would have.
	 */
	private String tokenOfAnotherAttempt() {
		Account other = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, other, this.api.psychologist(700), 4);
		String checkout = this.api
			.post("/api/mpesa/initiate", other.token(),
					Map.of("sessionId", session, "phoneNumber", PaymentFlowTests.phone(9)))
			.text("checkoutRequestId");
		return PaymentTestSupport.tokenOf(this.simulator.transaction(checkout).orElseThrow());
	}

	private int post(String path, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
