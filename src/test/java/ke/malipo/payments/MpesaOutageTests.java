package ke.malipo.payments;

import java.time.Duration;
import java.util.Map;

import ke.malipo.payments.internal.PaymentInitiation;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MutableClock;
import ke.malipo.support.StubServer;
import ke.malipo.support.TestClockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static ke.malipo.support.Fixtures.daraja;
import static ke.malipo.support.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property 71 (API unavailability queues and retries): while M-Pesa cannot be reached, an
 * initiation waits in a short queue and is sent when M-Pesa is back; one that cannot be
 * sent within its minute fails cleanly. Nothing was sent meanwhile, so nothing can be
 * charged twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.payments.queue-interval=1h", "malipo.payments.resolver-interval=1h" })
@Import({ TestClockConfiguration.class, Api.Configuration.class })
class MpesaOutageTests {

	private static final int DARAJA_PORT = StubServer.freePort();

	@DynamicPropertySource
	static void darajaAtAnAddressThatIsDown(DynamicPropertyRegistry registry) {
		registry.add("malipo.mpesa.base-url", () -> "http://127.0.0.1:" + DARAJA_PORT);
	}

	@Autowired
	Api api;

	@Autowired
	PaymentInitiation initiation;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	private Response pay(Account client, String session) {
		return this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", "0712 345 678"));
	}

	@Test
	void property71_anInitiationWaitsForMpesaAndIsSentWhenItIsBack() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(800), 4);
		Response queued = pay(client, session);
		assertThat(queued.status()).isEqualTo(202);
		assertThat(queued.text("paymentStatus")).isEqualTo("PROCESSING");
		assertThat(queued.text("message")).contains("within a minute");
		assertThat(pay(client, session).code()).as("still one payment at a time").isEqualTo("PAYMENT_IN_PROGRESS");

		try (StubServer daraja = new StubServer(DARAJA_PORT)) {
			daraja.on("/oauth/v1/generate", json(200, daraja("oauth-token-expiry-string.json")))
				.on("/mpesa/stkpush/v1/processrequest", json(200, daraja("stkpush-accepted.json")));
			assertThat(this.initiation.sendQueued()).isEqualTo(1);
			assertThat(daraja.hits("/mpesa/stkpush/v1/processrequest")).isEqualTo(1);
			assertThat(daraja.received("/mpesa/stkpush").get(0).body()).contains("/api/payments/stk-callback/");
		}
		Response status = this.api.get("/api/mpesa/status/" + session, client.token());
		assertThat(status.text("attemptState")).isEqualTo("AWAITING_CUSTOMER");
		assertThat(status.text("message")).contains("Check your phone");
		assertThat(this.initiation.sendQueued()).as("sent once, never again").isZero();
	}

	@Test
	void property71_anInitiationThatCannotBeSentWithinAMinuteFailsCleanly() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(800), 5);
		assertThat(pay(client, session).status()).isEqualTo(202);
		this.clock.advance(Duration.ofSeconds(61));
		this.initiation.sendQueued();
		this.clock.reset();
		Response status = this.api.get("/api/mpesa/status/" + session, client.token());
		assertThat(status.text("paymentStatus")).isEqualTo("FAILED");
		assertThat(status.text("message")).contains("Nothing was charged");
		assertThat(pay(client, session).status()).as("M-Pesa still down: a new try waits again").isEqualTo(202);
	}

}
