package ke.malipo.payments;

import java.util.Map;

import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties 51 (Payment Initiation Response Time) and 53 (Callback Processing Time), as
 * mechanisms: what bounds each answer is known and checked here, deterministically; the
 * figures themselves are measured by the benchmarks (BENCHMARKS.md: InitiationBenchmark,
 * CallbackBenchmark), never by a timed unit test.
 */
@MalipoIntegrationTest
class PaymentResponseTimeTests {

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	JdbcClient jdbc;

	/**
	 * Initiation answers as soon as Daraja accepts the push, with the prompt still
	 * waiting on the customer's phone: its time is our work plus one Daraja round trip,
	 * never the customer's.
	 */
	@Test
	void property51_initiationAnswersWhenDarajaAcceptsNotWhenTheCustomerDoes() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1000), 4);
		String phone = TestPhones.local(9);
		Response started = this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", phone));
		assertThat(started.status()).isEqualTo(202);
		assertThat(started.text("paymentStatus")).isEqualTo("PROCESSING");
		SimulatedTransaction prompt = this.simulator.transaction(started.text("checkoutRequestId")).orElseThrow();
		assertThat(prompt.isPending()).as("the customer has not answered yet").isTrue();
		assertThat(this.simulator.transactions().stream().filter((t) -> t.phone().equals(TestPhones.msisdnOf(phone))))
			.as("one push, no retries on the request path")
			.hasSize(1);
		assertThat(this.jdbc
			.sql("select count(*) from payments.attempt_history h join payments.attempts a "
					+ "on a.id = h.attempt_id where a.session_id = cast(:s as uuid) and h.kind = 'QUERIED'")
			.param("s", session)
			.query(Integer.class)
			.single()).as("no status query before answering").isZero();
	}

	/**
	 * A callback is answered as soon as it is stored, and applied just after by the
	 * node's worker, woken by the store, in a batch with whatever else arrived: M-Pesa's
	 * wait is our authentication and one insert, never the application. When the 200
	 * leaves, the raw body is already durable; then the attempt becomes PAID and the
	 * session CONFIRMED. A repeat is answered the same way and changes nothing.
	 */
	@Test
	void property53_theCallbackIsAnsweredOnceStoredAndAppliedJustAfter() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1100), 4);
		String checkout = this.api
			.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(9)))
			.text("checkoutRequestId");
		SimulatedTransaction prompt = this.simulator.transaction(checkout).orElseThrow();
		String body = PaymentTestSupport.successCallback(prompt.merchantRequestId(), checkout, 1100,
				"TP53" + checkout.substring(checkout.length() - 6).replaceAll("[^0-9A-Z]", "0"), prompt.phone());
		String path = "/api/payments/stk-callback/" + PaymentTestSupport.tokenOf(prompt);

		assertThat(this.api.post(path, null, body).status()).isEqualTo(200);
		assertThat(inbox(checkout)).as("stored before the answer").hasSize(1);
		PaymentTestSupport.awaitApplied(this.jdbc, prompt);
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("status")).isEqualTo("CONFIRMED");
		assertThat(inbox(checkout)).containsExactly("APPLIED");

		assertThat(this.api.post(path, null, body).status()).isEqualTo(200);
		PaymentTestSupport.awaitApplied(this.jdbc, prompt);
		assertThat(inbox(checkout)).containsExactlyInAnyOrder("APPLIED", "DUPLICATE");
	}

	private java.util.List<String> inbox(String checkout) {
		return this.jdbc
			.sql("select status from payments.callback_inbox where attempt_id = "
					+ "(select id from payments.attempts where checkout_request_id = :c)")
			.param("c", checkout)
			.query(String.class)
			.list();
	}

}
