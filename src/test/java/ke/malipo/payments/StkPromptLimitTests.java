package ke.malipo.payments;

import java.time.Duration;
import java.util.Map;

import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MutableClock;
import ke.malipo.support.TestClockConfiguration;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9: anyone could flood a phone with STK prompts (a client paying many sessions, or
 * a psychologist approving their own KES 1 bookings). Prompts are now limited per number
 * and per client over sliding windows, answered 429 {@code TOO_MANY_PROMPTS} with a
 * {@code Retry-After}; refused requests send nothing and count nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.payments.prompt-limits.per-phone=3",
				"malipo.payments.prompt-limits.per-phone-window=10m", "malipo.payments.prompt-limits.per-client=5",
				"malipo.payments.prompt-limits.per-client-window=1h" })
@Import({ TestClockConfiguration.class, Api.Configuration.class })
class StkPromptLimitTests {

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aNumberGetsAtMostThreePromptsInTenMinutesFromAnyone() {
		Account psychologist = this.api.psychologist(1);
		String victim = TestPhones.local(1);
		for (int i = 0; i < 3; i++) {
			Account client = this.api.client();
			String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3, i);
			assertThat(initiate(client, session, victim).status()).isEqualTo(202);
			promptOver(victim);
		}
		Account another = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, another, psychologist, 3, 5);
		Response refused = initiate(another, session, victim);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo("TOO_MANY_PROMPTS");
		assertThat(refused.headers().getFirst("Retry-After")).isNotNull();
		assertThat(refused.body().get("retryAfterSeconds").asLong()).isBetween(1L, 600L);
		assertThat(this.simulator.transactions()
			.stream()
			.filter((t) -> t.phone().equals(TestPhones.msisdnOf(victim)))
			.count()).as("prompts that reached the phone").isEqualTo(3);

		assertThat(initiate(another, session, TestPhones.local(9)).status()).as("another number").isEqualTo(202);

		this.clock.advance(Duration.ofMinutes(11));
		Account later = this.api.client();
		String laterSession = PaymentTestSupport.approvedSession(this.api, later, psychologist, 3, 7);
		assertThat(initiate(later, laterSession, victim).status()).isEqualTo(202);
	}

	@Test
	void aClientSendsAtMostFivePromptsAnHour() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1);
		for (int i = 0; i < 5; i++) {
			String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4, i);
			assertThat(initiate(client, session, TestPhones.local(0)).status()).isEqualTo(202);
		}
		String sixth = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4, 6);
		Response refused = initiate(client, sixth, TestPhones.local(0));
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo("TOO_MANY_PROMPTS");
		assertThat(this.api.get("/api/mpesa/status/" + sixth, client.token()).text("paymentStatus"))
			.as("nothing was started")
			.isEqualTo("UNPAID");
	}

	@Test
	void doubleClicksAreNotCountedAsPrompts() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1), 5);
		String phone = TestPhones.local(9);
		assertThat(initiate(client, session, phone).status()).isEqualTo(202);
		for (int i = 0; i < 5; i++) {
			assertThat(initiate(client, session, phone).code()).isEqualTo("PAYMENT_IN_PROGRESS");
		}
		this.simulator.transactions()
			.stream()
			.filter((t) -> t.phone().equals(TestPhones.msisdnOf(phone)))
			.forEach((t) -> this.simulator.cancel(t.checkoutRequestId()));
		promptOver(phone);
		Account other = this.api.client();
		String otherSession = PaymentTestSupport.approvedSession(this.api, other, this.api.psychologist(1), 5);
		assertThat(initiate(other, otherSession, phone).status()).as("the number had one prompt").isEqualTo(202);
	}

	/** The simulator holds one prompt per number at a time, as M-Pesa does. */
	private void promptOver(String phone) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.simulator.transactions()
				.stream()
				.noneMatch((t) -> t.phone().equals(TestPhones.msisdnOf(phone)) && t.isPending()));
	}

	private Response initiate(Account client, String session, String phone) {
		return this.api.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", session, "phoneNumber", phone));
	}

}
