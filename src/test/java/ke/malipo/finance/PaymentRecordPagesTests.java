package ke.malipo.finance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ke.malipo.common.phone.Msisdn;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.PageSession;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages that show payments after the fact, over real HTTP with signed-in sessions: a
 * session's own page with its receipt and attempts, the client's payment history, the
 * psychologist's payments received, and the admin's finance desk with its filters, CSV
 * link and a transaction's timeline.
 */
@MalipoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentRecordPagesTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	private Account client;

	private Account psychologist;

	private String session;

	private String failedPhone;

	private String paidPhone;

	private String receipt;

	/** A session whose first attempt was cancelled and whose second was paid. */
	@BeforeAll
	void paidAfterOneCancelledAttempt() {
		String name = UUID.randomUUID().toString().substring(0, 8);
		this.client = this.api.register("CLIENT", null, "Akinyi " + name);
		this.psychologist = this.api.register("PSYCHOLOGIST", 2100L, "Dr Mutua " + name);
		this.session = PaymentTestSupport.approvedSession(this.api, this.client, this.psychologist, 5);
		this.failedPhone = TestPhones.local(1);
		this.paidPhone = TestPhones.local(0);
		pay(this.failedPhone, "FAILED");
		pay(this.paidPhone, "PAID");
		this.receipt = this.api.get("/api/mpesa/status/" + this.session, this.client.token())
			.text("mpesaReceiptNumber");
		Projections.caughtUp(this.jdbc);
	}

	private void pay(String phone, String outcome) {
		assertThat(this.api
			.post("/api/mpesa/initiate", this.client.token(), Map.of("sessionId", this.session, "phoneNumber", phone))
			.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> outcome
				.equals(this.api.get("/api/mpesa/status/" + this.session, this.client.token()).text("paymentStatus")));
	}

	/** Property 34: Session Details Show Transaction ID. */
	@Test
	void property34_theSessionPageShowsTheReceiptAndEveryAttempt() throws Exception {
		PageSession page = new PageSession(this.port).signIn(this.client);
		String detail = page.get("/sessions/" + this.session).body();
		assertThat(detail).contains("id=\"receipt\">" + this.receipt + "<")
			.contains("/sessions/" + this.session + "/receipt.pdf")
			.contains("pay-paid")
			.contains("KES 2,100")
			.contains("hx-get=\"/sessions/" + this.session + "/payments\"");
		String attempts = page.get("/sessions/" + this.session + "/payments").body();
		assertThat(attempts).contains(Msisdn.parse(this.paidPhone).masked())
			.contains(Msisdn.parse(this.failedPhone).masked())
			.contains(">Paid<")
			.contains(">Failed<")
			.doesNotContain(Msisdn.parse(this.paidPhone).value());
		PageSession theirs = new PageSession(this.port).signIn(this.psychologist);
		assertThat(theirs.get("/sessions/" + this.session).body()).contains(this.receipt);
		PageSession stranger = new PageSession(this.port).signIn(this.api.client());
		HttpResponse<String> notTheirs = stranger.get("/sessions/" + this.session);
		assertThat(notTheirs.statusCode()).isEqualTo(404);
		assertThat(notTheirs.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(notTheirs.body()).contains("id=\"problem\"").doesNotContain(this.receipt);
		assertThat(stranger.get("/sessions/" + this.session + "/payments").body()).doesNotContain("data-payment");
	}

	@Test
	void theClientsHistoryListsEveryAttemptWithItsReceiptAndPdf() throws Exception {
		String history = new PageSession(this.port).signIn(this.client).get("/payments").body();
		assertThat(history).contains("Your payments")
			.contains(this.receipt)
			.contains("/sessions/" + this.session + "/receipt.pdf")
			.contains(Msisdn.parse(this.failedPhone).masked())
			.contains("You cancelled")
			.contains("to Dr Mutua");
		assertThat(history.split("data-payment=", -1)).hasSize(3);
		String theirs = new PageSession(this.port).signIn(this.psychologist).get("/payments").body();
		assertThat(theirs).contains("Payments received").contains("Akinyi").contains(this.receipt);
		assertThat(theirs.split("data-payment=", -1)).as("received: the paid one only (issue 14)").hasSize(2);
		assertThat(theirs).doesNotContain("Tap Retry").doesNotContain("You cancelled");
		String attemptsTheySee = new PageSession(this.port).signIn(this.psychologist)
			.get("/sessions/" + this.session + "/payments")
			.body();
		assertThat(attemptsTheySee).contains("Cancelled by the customer (M-Pesa 1032)").doesNotContain("Tap Retry");
		String someoneElse = new PageSession(this.port).signIn(this.api.client()).get("/payments").body();
		assertThat(someoneElse).contains("No payments yet.").doesNotContain(this.receipt);
	}

	/** Properties 37, 38, 39 and 40 as the admin sees them on the page. */
	@Test
	void property37_property38_property39_theDeskFindsThePaymentAndShowsItsTimeline() throws Exception {
		PageSession admin = new PageSession(this.port).signIn(this.api.admin());
		String all = admin.get("/admin/transactions").body();
		assertThat(all).contains("id=\"transactions\"").contains("Export CSV").contains("Any status");

		String found = admin.get("/admin/transactions?q=" + this.receipt + "&status=PAID").body();
		assertThat(found).contains(">1</strong>")
			.contains(this.receipt)
			.contains("Akinyi")
			.contains("Dr Mutua")
			.contains("KES 2,100")
			.contains(Msisdn.parse(this.paidPhone).masked())
			.contains(">Paid<")
			.contains("href=\"/admin/transactions.csv?q=" + this.receipt + "&amp;status=PAID\"")
			.contains("value=\"" + this.receipt + "\"");
		String failed = admin.get("/admin/transactions?q=" + PageSession.enc(this.failedPhone) + "&status=FAILED")
			.body();
		assertThat(failed).contains(">1</strong>").contains(">Failed<").doesNotContain(this.receipt);

		String paymentId = found.replaceAll("(?s).*data-payment=\"([0-9a-f-]{36})\".*", "$1");
		String detail = admin.get("/admin/transactions/" + paymentId).body();
		assertThat(detail).contains("data-kind=\"INITIATED\"")
			.contains("data-kind=\"DARAJA_ACCEPTED\"")
			.contains("data-kind=\"CALLBACK\"")
			.contains("data-kind=\"PAID\"")
			.contains(this.receipt);

		HttpResponse<String> bad = admin.get("/admin/transactions?from=2026-02-30");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("Write the date as YYYY-MM-DD.").contains("value=\"2026-02-30\"");
	}

	@Test
	void onlyAdminsReachTheDesk() throws Exception {
		PageSession client = new PageSession(this.port).signIn(this.client);
		HttpResponse<String> refused = client.get("/admin/transactions");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("Your account is not allowed to open this page.");
		assertThat(client.get("/admin/transactions.csv").statusCode()).isEqualTo(403);
		assertThat(client.get("/sessions").body()).doesNotContain("/admin/transactions");
		assertThat(new PageSession(this.port).get("/admin/transactions").statusCode()).isEqualTo(302);
	}

}
