package ke.malipo.payments;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import ke.malipo.support.RecordedEvents;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin settles a payment in review (C8): M-Pesa reported the money from another
 * number than the one prompted, so the payment waits for a person. Paid with the receipt
 * confirms the session; failed lets the client pay again; either way the reason and the
 * admin's name stay in the timeline, and nothing else can be settled by hand.
 */
@MalipoIntegrationTest
class ManualResolutionTests {

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	RecordedEvents events;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	private Account admin;

	private Account client;

	private String session;

	private String payment;

	private String receipt;

	@BeforeEach
	void aPaymentInReview() {
		this.admin = this.api.admin();
		this.client = this.api.client();
		this.session = PaymentTestSupport.approvedSession(this.api, this.client, this.api.psychologist(1200), 4);
		String checkout = this.api
			.post("/api/mpesa/initiate", this.client.token(),
					Map.of("sessionId", this.session, "phoneNumber", TestPhones.local(9)))
			.text("checkoutRequestId");
		SimulatedTransaction prompt = this.simulator.transaction(checkout).orElseThrow();
		this.receipt = "TR" + checkout.substring(checkout.length() - 8).toUpperCase().replaceAll("[^A-Z0-9]", "0");
		String body = PaymentTestSupport.successCallback(prompt.merchantRequestId(), checkout, 1200, this.receipt,
				"254799999999");
		assertThat(
				this.api.post("/api/payments/stk-callback/" + PaymentTestSupport.tokenOf(prompt), null, body).status())
			.isEqualTo(200);
		PaymentTestSupport.awaitApplied(this.jdbc, prompt);
		Response status = this.api.get("/api/mpesa/status/" + this.session, this.client.token());
		assertThat(status.text("attemptState")).isEqualTo("NEEDS_REVIEW");
		this.payment = status.text("paymentId");
	}

	private Response resolve(Account who, Map<String, Object> decision) {
		return this.api.post("/api/admin/transactions/" + this.payment + "/resolve", who.token(), decision);
	}

	@Test
	void settledAsPaidTheSessionIsConfirmedAndTheTimelineSaysWhoAndWhy() {
		Response settled = resolve(this.admin,
				Map.of("outcome", "PAID", "mpesaReceiptNumber", this.receipt.toLowerCase(), "reason",
						"Org portal shows the payment; the client paid from a spouse's line"));
		assertThat(settled.status()).isEqualTo(200);
		assertThat(settled.body().get("transaction").get("status").asString()).isEqualTo("PAID");
		assertThat(settled.body().get("transaction").get("mpesaReceiptNumber").asString()).isEqualTo(this.receipt);
		List<String> resolved = StreamSupport.stream(settled.body().get("timeline").spliterator(), false)
			.filter((step) -> "RESOLVED".equals(step.get("kind").asString()))
			.map((step) -> step.get("detail").asString())
			.toList();
		assertThat(resolved).singleElement()
			.asString()
			.contains("Test Admin")
			.contains(this.admin.email())
			.contains("spouse's line");

		Response session = this.api.get("/api/sessions/" + this.session, this.client.token());
		assertThat(session.text("status")).isEqualTo("CONFIRMED");
		assertThat(session.text("paymentStatus")).isEqualTo("PAID");
		assertThat(session.text("mpesaReceiptNumber")).isEqualTo(this.receipt);
		assertThat(this.events.stream(PaymentEvent.PaymentConfirmed.class)
			.filter((event) -> event.paymentId().value().toString().equals(this.payment))).hasSize(1);

		Response again = resolve(this.admin, Map.of("outcome", "FAILED", "reason", "Changed my mind about it"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("NOT_IN_REVIEW");
	}

	@Test
	void settledAsFailedTheClientCanPayAgain() {
		Response settled = resolve(this.admin,
				Map.of("outcome", "FAILED", "reason", "No such payment in M-Pesa's records for that receipt"));
		assertThat(settled.status()).isEqualTo(200);
		assertThat(settled.body().get("transaction").get("status").asString()).isEqualTo("FAILED");
		Response session = this.api.get("/api/sessions/" + this.session, this.client.token());
		assertThat(session.text("status")).isEqualTo("APPROVED");
		assertThat(session.text("paymentStatus")).isEqualTo("FAILED");
		assertThat(this.api
			.post("/api/mpesa/initiate", this.client.token(),
					Map.of("sessionId", this.session, "phoneNumber", TestPhones.local(0)))
			.status()).isEqualTo(202);
	}

	@Test
	void aDecisionNeedsAReasonAReceiptWhenPaidAndAnAdmin() {
		Response noReason = resolve(this.admin, Map.of("outcome", "PAID", "mpesaReceiptNumber", this.receipt));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.body().get("errors").toString()).contains("reason");
		Response noReceipt = resolve(this.admin, Map.of("outcome", "PAID", "reason", "Seen in the org portal today"));
		assertThat(noReceipt.body().get("errors").toString()).contains("mpesaReceiptNumber");
		Response badReceipt = resolve(this.admin, Map.of("outcome", "PAID", "mpesaReceiptNumber", "NOT-A-RCPT",
				"reason", "Seen in the org portal today"));
		assertThat(badReceipt.status()).isEqualTo(400);
		Response otherReceipt = resolve(this.admin, Map.of("outcome", "PAID", "mpesaReceiptNumber", "TZ0000000Z",
				"reason", "Seen in the org portal today"));
		assertThat(otherReceipt.status()).isEqualTo(409);
		assertThat(otherReceipt.code()).isEqualTo("RECEIPT_MISMATCH");
		Response noOutcome = resolve(this.admin, Map.of("outcome", "MAYBE", "reason", "Seen in the org portal today"));
		assertThat(noOutcome.status()).isEqualTo(400);
		assertThat(resolve(this.client, Map.of("outcome", "FAILED", "reason", "I would like my money back")).status())
			.isEqualTo(403);
		assertThat(this.api.get("/api/mpesa/status/" + this.session, this.client.token()).text("attemptState"))
			.isEqualTo("NEEDS_REVIEW");
	}

	@Test
	void theAdminSettlesItOnTheTransactionPage() throws Exception {
		PageSession page = new PageSession(this.port).signIn(this.admin);
		String detail = page.get("/admin/transactions/" + this.payment).body();
		assertThat(detail).contains("Settle this payment").contains("value=\"" + this.receipt + "\"");
		String path = "/admin/transactions/" + this.payment + "/resolve";
		assertThat(page.post(path, "outcome=PAID&mpesaReceiptNumber=" + this.receipt + "&reason=short", detail)
			.statusCode()).isEqualTo(302);
		assertThat(page.get("/admin/transactions/" + this.payment).body()).contains("Say why in 10 to 500 characters")
			.contains("Settle this payment");
		java.net.http.HttpResponse<String> decided = page.post(path, "outcome=PAID&mpesaReceiptNumber=" + this.receipt
				+ "&reason=" + PageSession.enc("Found in the org portal statement"), detail);
		assertThat(decided.statusCode()).isEqualTo(302);
		// The desk is kept by events: the page sent back to waits for the decision.
		java.net.URI back = java.net.URI.create(decided.headers().firstValue("Location").orElseThrow());
		assertThat(back.getQuery()).startsWith("seen=");
		String settled = page.get(back.getPath() + "?" + back.getQuery()).body();
		assertThat(settled).contains("Settled as paid.")
			.contains("data-kind=\"RESOLVED\"")
			.doesNotContain("Settle this payment");
	}

}
