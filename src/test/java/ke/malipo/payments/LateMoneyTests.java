package ke.malipo.payments;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.payments.internal.PaymentResolver;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.MutableClock;
import ke.malipo.support.PageSession;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, money that comes late or is proven oddly: live Daraja's "still under
 * processing" query answer (4999) and codes nobody documented never fail a payment; a
 * success that arrives after a payment failed confirms the session when it still can, and
 * otherwise waits for a person with its receipt while the client is told; an admin can
 * ask M-Pesa now and settle a payment whose outcome is unknown. Each of these failed
 * before the fix: the 4999 answer failed the payment at 30 s and the success that
 * followed was dropped as a duplicate.
 */
@MalipoIntegrationTest
class LateMoneyTests {

	private static final long PRICE = 1400;

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	PaymentResolver resolver;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	private Account client;

	private Account psychologist;

	@BeforeEach
	void accounts() {
		this.client = this.api.client();
		this.psychologist = this.api.psychologist(PRICE);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aPromptStillBeingAnsweredIsNeverFailedByTheQuery() {
		String session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 4);
		Response started = initiate(session, TestPhones.local(9));
		String checkout = started.text("checkoutRequestId");
		UUID payment = UUID.fromString(started.text("paymentId"));

		this.clock.advance(Duration.ofSeconds(31));
		this.resolver.check(new ke.malipo.payments.PaymentId(payment));
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("AWAITING_CUSTOMER");
		assertThat(PaymentTestSupport.history(this.jdbc, payment))
			.anyMatch((line) -> line.startsWith("QUERIED") && line.contains("4999"));

		assertThat(this.simulator.accept(checkout)).isTrue();
		awaitState(payment, "PAID");
		assertThat(this.api.get("/api/sessions/" + session, this.client.token()).text("status")).isEqualTo("CONFIRMED");
	}

	@Test
	void aCallbackWithACodeNobodyKnowsChangesNothing() {
		String session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 5);
		Prompt started = prompt(session);
		SimulatedTransaction prompt = started.prompt();
		UUID payment = started.payment();
		assertThat(callback(prompt, failure(prompt, 31337, "Something Daraja never documented")).status())
			.isEqualTo(200);
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("AWAITING_CUSTOMER");
		assertThat(PaymentTestSupport.history(this.jdbc, payment))
			.anyMatch((line) -> line.startsWith("UNKNOWN_RESULT") && line.contains("31337"));
		assertThat(this.simulator.accept(prompt.checkoutRequestId())).isTrue();
		awaitState(payment, "PAID");
	}

	@Test
	void successAfterAFailureConfirmsTheSessionWhenItCanStillBePaid() {
		String session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 6);
		Prompt started = prompt(session);
		SimulatedTransaction prompt = started.prompt();
		UUID payment = started.payment();
		assertThat(callback(prompt, failure(prompt, 1037, "DS timeout user cannot be reached")).status())
			.isEqualTo(200);
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("FAILED");

		String receipt = receipt();
		assertThat(callback(prompt, success(prompt, receipt)).status()).isEqualTo(200);
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("PAID");
		assertThat(PaymentTestSupport.history(this.jdbc, payment)).anyMatch((line) -> line.startsWith("LATE_MONEY"));
		Response confirmed = this.api.get("/api/sessions/" + session, this.client.token());
		assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
		assertThat(confirmed.text("mpesaReceiptNumber")).isEqualTo(receipt);
	}

	@Test
	void lateMoneyForASessionThatCannotTakeItWaitsForAPersonAndTheClientIsTold() {
		String session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 7);
		Prompt started = prompt(session);
		SimulatedTransaction prompt = started.prompt();
		UUID payment = started.payment();
		callback(prompt, failure(prompt, 1032, "Request cancelled by user"));
		assertThat(this.api.post("/api/sessions/" + session + "/cancel", this.client.token(), null).status())
			.isEqualTo(200);

		String receipt = receipt();
		callback(prompt, success(prompt, receipt));
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("NEEDS_REVIEW");
		Response status = this.api.get("/api/mpesa/status/" + session, this.client.token());
		assertThat(status.text("mpesaReceiptNumber")).isEqualTo(receipt);
		assertThat(status.text("message")).contains("M-Pesa received your payment")
			.contains(receipt)
			.contains("do not pay again")
			.contains("send the money back");
		Projections.caughtUp(this.jdbc);
		Response desk = this.api.get("/api/admin/transactions?status=NEEDS_REVIEW&q=" + receipt,
				this.api.admin().token());
		assertThat(desk.body().get("total").asInt()).isEqualTo(1);
	}

	/**
	 * The client tried again after the failure; then the first payment's money arrived.
	 * It pays the session, and the second prompt's money, if it comes, waits for a person
	 * (a refund): nothing is dropped, nothing is counted twice.
	 */
	@Test
	void lateMoneyOfAnEarlierAttemptWhileANewOneIsUnderWay() {
		String session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 8);
		Response first = initiate(session, TestPhones.local(9));
		SimulatedTransaction firstPrompt = this.simulator.transaction(first.text("checkoutRequestId")).orElseThrow();
		callback(firstPrompt, failure(firstPrompt, 1037, "DS timeout user cannot be reached"));
		Response second = initiate(session, TestPhones.local(9));
		assertThat(second.status()).isEqualTo(202);

		callback(firstPrompt, success(firstPrompt, receipt()));
		assertThat(PaymentTestSupport.state(this.jdbc, UUID.fromString(first.text("paymentId")))).isEqualTo("PAID");
		assertThat(this.api.get("/api/sessions/" + session, this.client.token()).text("status")).isEqualTo("CONFIRMED");

		SimulatedTransaction secondPrompt = this.simulator.transaction(second.text("checkoutRequestId")).orElseThrow();
		callback(secondPrompt, success(secondPrompt, receipt()));
		assertThat(PaymentTestSupport.state(this.jdbc, UUID.fromString(second.text("paymentId"))))
			.isEqualTo("NEEDS_REVIEW");
		assertThat(this.jdbc
			.sql("select count(*) from payments.attempts where session_id = cast(:s as uuid) " + "and state = 'PAID'")
			.param("s", session)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	/**
	 * A push whose answer and callback were both lost (the simulator's lost-answer number
	 * in the test settings) is UNKNOWN; the admin asks M-Pesa now and its records settle
	 * it.
	 */
	@Test
	void theAdminAsksMpesaNowAboutAnUnknownPayment() throws Exception {
		String session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 9);
		Response started = initiate(session, "0711000991");
		UUID payment = UUID.fromString(started.text("paymentId"));
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("UNKNOWN");
		Response status = this.api.get("/api/mpesa/status/" + session, this.client.token());
		assertThat(status.text("message")).contains("do not pay again").contains("We will know by");
		String sessionsPage = new PageSession(this.port).signIn(this.client).get("/sessions").body();
		assertThat(sessionsPage).contains("Payment in progress").doesNotContain("Pay now");

		Account admin = this.api.admin();
		assertThat(this.api.post("/api/admin/transactions/" + payment + "/check", this.client.token(), null).status())
			.isEqualTo(403);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.simulator.transactions()
				.stream()
				.anyMatch((t) -> t.phone().equals("254711000991") && t.isPaid() && !t.isPending()));
		Response checked = this.api.post("/api/admin/transactions/" + payment + "/check", admin.token(), null);
		assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
		assertThat(checked.body().get("transaction").get("status").asString()).isEqualTo("PAID");
		assertThat(this.api.get("/api/sessions/" + session, this.client.token()).text("status")).isEqualTo("CONFIRMED");
		assertThat(this.api.post("/api/admin/transactions/" + payment + "/check", admin.token(), null).code())
			.isEqualTo("NOTHING_TO_ASK");
	}

	/**
	 * On live Daraja the callback can overtake the answer to the push (the simulator's
	 * slow-answer number in the test settings): it is kept, acknowledged, and applied
	 * once the answer is stored, never refused as being about another request.
	 */
	@Test
	void aCallbackThatOvertakesThePushAnswerIsKeptAndApplied() {
		String session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 11);
		Response started = initiate(session, "0711000992");
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		UUID payment = UUID.fromString(started.text("paymentId"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(PaymentTestSupport.state(this.jdbc, payment)));
		assertThat(this.jdbc.sql("select status from payments.callback_inbox where attempt_id = :id")
			.param("id", payment)
			.query(String.class)
			.list()).containsExactly("APPLIED");
		assertThat(PaymentTestSupport.history(this.jdbc, payment)).noneMatch((line) -> line.contains("refused"))
			.anyMatch((line) -> line.startsWith("PAID"));
		assertThat(this.jdbc.sql("select receipt from payments.attempts where id = :id")
			.param("id", payment)
			.query(String.class)
			.single()).isNotNull();
	}

	@Test
	void theAdminSettlesAnUnknownPaymentByHand() {
		String session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 10);
		UUID payment = UUID.fromString(initiate(session, "0711000991").text("paymentId"));
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("UNKNOWN");
		Response settled = this.api.post("/api/admin/transactions/" + payment + "/resolve", this.api.admin().token(),
				Map.of("outcome", "FAILED", "reason", "Not in the org portal statement for the day"));
		assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("FAILED");
		assertThat(initiate(session, TestPhones.local(9)).status()).as("the client may pay again").isEqualTo(202);
		// The simulator holds one prompt per number: let this one end before another test
		// uses the number.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.simulator.transactions()
				.stream()
				.noneMatch((t) -> t.phone().equals("254711000991") && t.isPending()));
	}

	/** A prompt waiting on a phone (a 9 number) for the session, and its payment. */
	private Prompt prompt(String session) {
		Response started = initiate(session, TestPhones.local(9));
		return new Prompt(UUID.fromString(started.text("paymentId")),
				this.simulator.transaction(started.text("checkoutRequestId")).orElseThrow());
	}

	private record Prompt(UUID payment, SimulatedTransaction prompt) {
	}

	private Response initiate(String session, String phone) {
		return this.api.post("/api/mpesa/initiate", this.client.token(),
				Map.of("sessionId", session, "phoneNumber", phone));
	}

	/** Posts a callback as M-Pesa would and waits until the app has applied it. */
	private Response callback(SimulatedTransaction prompt, String body) {
		Response answer = this.api.post("/api/payments/stk-callback/" + PaymentTestSupport.tokenOf(prompt), null, body);
		PaymentTestSupport.awaitApplied(this.jdbc, prompt);
		return answer;
	}

	private static String success(SimulatedTransaction prompt, String receipt) {
		return PaymentTestSupport.successCallback(prompt.merchantRequestId(), prompt.checkoutRequestId(), PRICE,
				receipt, prompt.phone());
	}

	private static String failure(SimulatedTransaction prompt, int code, String description) {
		return """
				{"Body":{"stkCallback":{"MerchantRequestID":"%s","CheckoutRequestID":"%s","ResultCode":%d,
				"ResultDesc":"%s"}}}""".formatted(prompt.merchantRequestId(), prompt.checkoutRequestId(), code,
				description);
	}

	private static String receipt() {
		return "TL" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
	}

	private void awaitState(UUID payment, String expected) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> expected.equals(PaymentTestSupport.state(this.jdbc, payment)));
	}

}
