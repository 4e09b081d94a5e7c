package ke.malipo.payments;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.payments.internal.PaymentResolver;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedReports;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MutableClock;
import ke.malipo.support.PageSession;
import ke.malipo.support.Projections;
import ke.malipo.support.TestClockConfiguration;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * M-Pesa as it also behaves: queries about an unanswered prompt answered the older way
 * (HTTP 500 {@code 500.001.1001} "being processed"), and Pull records that lag ten
 * minutes behind the money. A query that proves payment confirms the session at once,
 * receipt to follow; the receipt is attached when the records show it (issue 9). The
 * callback path is moved too: payments opens its own door wherever it is configured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.simulator.pending-query=legacy", "malipo.simulator.pull-delay=10m",
				"malipo.payments.callback-path=/hooks/mp" })
@Import({ TestClockConfiguration.class, Api.Configuration.class })
class SlowMpesaRecordsTests {

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	PaymentResolver resolver;

	@Autowired
	SimulatedReports reports;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void theLegacyPendingAnswerNeverFailsAPromptStillBeingAnswered() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1600), 4);
		Response started = initiate(client, session, TestPhones.local(9));
		UUID payment = UUID.fromString(started.text("paymentId"));

		this.clock.advance(Duration.ofSeconds(31));
		this.resolver.check(new PaymentId(payment));
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("AWAITING_CUSTOMER");
		assertThat(PaymentTestSupport.history(this.jdbc, payment))
			.anyMatch((line) -> line.startsWith("QUERIED") && line.contains("being processed"));

		assertThat(this.simulator.transaction(started.text("checkoutRequestId")).orElseThrow().callbackUrl())
			.contains("/hooks/mp/");
		assertThat(this.simulator.accept(started.text("checkoutRequestId"))).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(PaymentTestSupport.state(this.jdbc, payment)));
		assertThat(this.jdbc
			.sql("select count(*) from payments.callback_inbox where attempt_id = :id and status = 'APPLIED'")
			.param("id", payment)
			.query(Integer.class)
			.single()).as("paid by the callback at the moved path").isEqualTo(1);
	}

	@Test
	void aQueryProvesThePaymentAndItsReceiptFollows() throws Exception {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1600), 5);
		// Ends in 5: paid, but the callback never comes; only the query knows.
		Response started = initiate(client, session, TestPhones.local(5));
		UUID payment = UUID.fromString(started.text("paymentId"));
		SimulatedTransaction paid = this.simulator.transaction(started.text("checkoutRequestId")).orElseThrow();
		await().atMost(Duration.ofSeconds(10)).until(() -> !paid.isPending());

		this.clock.advance(Duration.ofSeconds(31));
		this.resolver.check(new PaymentId(payment));
		assertThat(PaymentTestSupport.state(this.jdbc, payment)).isEqualTo("PAID");
		Response confirmed = this.api.get("/api/sessions/" + session, client.token());
		assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
		assertThat(confirmed.body().get("mpesaReceiptNumber").isNull()).isTrue();
		Response status = this.api.get("/api/mpesa/status/" + session, client.token());
		assertThat(status.text("paymentStatus")).isEqualTo("PAID");
		assertThat(status.text("message")).contains("receipt number will follow");
		Projections.caughtUp(this.jdbc);
		PageSession pages = new PageSession(this.port).signIn(client);
		assertThat(pages.get("/sessions/" + session).body()).contains("receipt-to-follow");
		assertThat(pages.get("/sessions/" + session + "/receipt.pdf").statusCode()).isEqualTo(200);

		// Still not in the records two minutes later; found once they catch up.
		this.clock.advance(Duration.ofMinutes(2));
		this.resolver.check(new PaymentId(payment));
		assertThat(PaymentTestSupport.history(this.jdbc, payment))
			.anyMatch((line) -> line.startsWith("RECEIPT_SOUGHT"));
		// Checked again 45 minutes later (inside the client's one-hour sign-in): found,
		// and the search read the payment's own half hour of M-Pesa's records, not
		// everything paid since.
		this.clock.advance(Duration.ofMinutes(45));
		this.resolver.check(new PaymentId(payment));
		java.time.Instant created = this.jdbc.sql("select created_at from payments.attempts where id = :id")
			.param("id", payment)
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant();
		assertThat(this.reports.pullRanges()).last()
			.satisfies((range) -> assertThat(range.to()).isBefore(created.plus(Duration.ofMinutes(32))));
		String receipt = String.valueOf(paid.receipt());
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("mpesaReceiptNumber"))
			.isEqualTo(receipt);
		assertThat(PaymentTestSupport.history(this.jdbc, payment))
			.anyMatch((line) -> line.startsWith("RECEIPT_FOUND") && line.contains(receipt));
		assertThat(this.jdbc.sql("select receipt from payments.attempts where id = :id")
			.param("id", payment)
			.query(String.class)
			.single()).isEqualTo(receipt);
	}

	private Response initiate(Account client, String session, String phone) {
		return this.api.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", session, "phoneNumber", phone));
	}

}
