package ke.malipo.simulator;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.CredentialReport;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.FailureCause;
import ke.malipo.daraja.StkCallback;
import ke.malipo.daraja.StkCallbacks;
import ke.malipo.daraja.StkPushOutcome;
import ke.malipo.daraja.StkPushRequest;
import ke.malipo.daraja.StkQueryOutcome;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Daraja client against the built-in simulator over real HTTP, for every outcome of
 * the test phone numbers in api.md; callbacks arrive at a real local HTTP receiver.
 */
@MalipoIntegrationTest
class DarajaSimulatorTests {

	@Autowired
	Daraja daraja;

	private final StubServer receiver = new StubServer();

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	/**
	 * A fresh number of the test block with this last digit, so prompts never collide
	 * across tests.
	 */
	static String testNumber(int lastDigit) {
		return ke.malipo.support.TestPhones.msisdn(lastDigit);
	}

	private StkPushOutcome push(String phone, long amount, String hook) {
		return this.daraja.stkPush(new StkPushRequest(Msisdn.parse(phone), Kes.of(amount), "S7",
				this.receiver.url() + "/hooks/stk/" + hook));
	}

	private List<StkCallback> callbacks(String hook) {
		return this.receiver.received("/hooks/stk/" + hook).stream().map((r) -> StkCallbacks.parse(r.body())).toList();
	}

	@ParameterizedTest(name = "number ending {0} ends with ResultCode {1}")
	@CsvSource({ "0,0", "1,1032", "2,1037", "3,1", "4,2001", "8,1019" })
	void outcomesByPhoneNumber(int lastDigit, String resultCode) {
		String hook = UUID.randomUUID().toString();
		String phone = testNumber(lastDigit);
		StkPushOutcome outcome = push(phone, 1500, hook);
		assertThat(outcome).isInstanceOf(StkPushOutcome.Accepted.class);
		CheckoutRequestId checkout = ((StkPushOutcome.Accepted) outcome).checkoutRequestId();
		await().atMost(Duration.ofSeconds(10)).until(() -> callbacks(hook).size() == 1);
		StkCallback callback = callbacks(hook).get(0);
		assertThat(callback.checkoutRequestId()).isEqualTo(checkout);
		assertThat(callback.resultCode()).isEqualTo(resultCode);
		if ("0".equals(resultCode)) {
			assertThat(callback).isInstanceOfSatisfying(StkCallback.Paid.class, (paid) -> {
				assertThat(paid.amount()).isEqualTo(1500L);
				assertThat(paid.phoneNumber()).isEqualTo(phone);
			});
		}
		else {
			assertThat(callback).isInstanceOf(StkCallback.NotPaid.class);
		}
		assertThat(this.daraja.stkQuery(checkout)).isInstanceOfSatisfying(StkQueryOutcome.Completed.class,
				(done) -> assertThat(done.resultCode()).isEqualTo(resultCode));
	}

	@Test
	void numberEndingFiveSucceedsButItsCallbackIsLost() throws Exception {
		String hook = UUID.randomUUID().toString();
		StkPushOutcome.Accepted accepted = (StkPushOutcome.Accepted) push(testNumber(5), 900, hook);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.daraja.stkQuery(accepted.checkoutRequestId()) instanceof StkQueryOutcome.Completed done
					&& done.paid());
		Thread.sleep(500);
		assertThat(callbacks(hook)).isEmpty();
	}

	@Test
	void numberEndingSixGetsItsCallbackTwice() {
		String hook = UUID.randomUUID().toString();
		push(testNumber(6), 900, hook);
		await().atMost(Duration.ofSeconds(10)).until(() -> callbacks(hook).size() == 2);
		assertThat(callbacks(hook).get(0)).isEqualTo(callbacks(hook).get(1));
	}

	@Test
	void numberEndingSevenIsRefusedAsLocked() {
		assertThat(push(testNumber(7), 900, "x")).isInstanceOfSatisfying(StkPushOutcome.Rejected.class,
				(rejected) -> assertThat(rejected.cause()).isEqualTo(FailureCause.USER));
	}

	@Test
	void onePromptPerPhoneAtATime() {
		String phone = testNumber(9);
		assertThat(push(phone, 900, "first")).isInstanceOf(StkPushOutcome.Accepted.class);
		assertThat(push(phone, 900, "second")).isInstanceOfSatisfying(StkPushOutcome.Rejected.class,
				(rejected) -> assertThat(rejected.darajaMessage()).contains("Unable to lock subscriber"));
	}

	@Test
	void waitingPromptIsPendingUntilItTimesOutAsUnreachable() {
		String hook = UUID.randomUUID().toString();
		StkPushOutcome.Accepted accepted = (StkPushOutcome.Accepted) push(testNumber(9), 700, hook);
		assertThat(this.daraja.stkQuery(accepted.checkoutRequestId())).isInstanceOf(StkQueryOutcome.Pending.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> callbacks(hook).size() == 1);
		assertThat(callbacks(hook).get(0).resultCode()).isEqualTo("1037");
	}

	@Test
	void callbackUrlsWithWordsSafaricomRefusesAreInvalid() {
		StkPushOutcome outcome = this.daraja.stkPush(new StkPushRequest(Msisdn.parse(testNumber(0)), Kes.of(10), "S1",
				this.receiver.url() + "/api/mpesa/callback/abc"));
		assertThat(outcome).isInstanceOfSatisfying(StkPushOutcome.Rejected.class, (rejected) -> {
			assertThat(rejected.darajaMessage()).isEqualTo("Bad Request - Invalid CallBackURL");
			assertThat(rejected.cause()).isEqualTo(FailureCause.CONFIGURATION);
		});
	}

	@Test
	void credentialCheckPassesAgainstTheSimulator() {
		CredentialReport report = this.daraja.checkCredentials();
		assertThat(report.ok()).as(report.detail()).isTrue();
		assertThat(report.detail()).contains("work");
	}

}
