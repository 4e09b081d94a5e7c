package ke.malipo.daraja.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.IntStream;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.CodeClass;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.FailureCause;
import ke.malipo.daraja.StkPushOutcome;
import ke.malipo.daraja.StkPushRequest;
import ke.malipo.daraja.StkQueryOutcome;
import ke.malipo.support.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static ke.malipo.support.Fixtures.daraja;
import static ke.malipo.support.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against Daraja's exact answers (shared/fixtures/daraja), served over real
 * HTTP by a local stub: every quirk of daraja-reference.md §3 and §10.
 */
class DarajaFixtureContractTest {

	private static final String TOKEN = "/oauth/v1/generate";

	private static final String PUSH = "/mpesa/stkpush/v1/processrequest";

	private static final String QUERY = "/mpesa/stkpushquery/v1/query";

	private final StubServer stub = new StubServer();

	private final Daraja daraja = TestClients.client(this.stub.url(), Clock.systemUTC());

	@AfterEach
	void stop() {
		this.stub.close();
	}

	private static StkPushRequest push() {
		return new StkPushRequest(Msisdn.parse("0708374149"), Kes.of(1500), "S1042",
				"https://pay.example.org/hooks/stk/3f9c2a7b1e");
	}

	@Test
	void tokenLifetimeAsStringAndPushAccepted() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(PUSH, json(200, daraja("stkpush-accepted.json")));
		StkPushOutcome outcome = this.daraja.stkPush(push());
		assertThat(outcome).isInstanceOfSatisfying(StkPushOutcome.Accepted.class, (accepted) -> {
			assertThat(accepted.checkoutRequestId().value()).isEqualTo("ws_CO_1007202409152617172396192");
			assertThat(accepted.merchantRequestId().value()).isEqualTo("2654-4b64-97ff-b827b542881d3130");
		});
		StubServer.Received sent = this.stub.received(PUSH).get(0);
		assertThat(sent.authorization()).isEqualTo("Bearer c9SQxWWhmdVRlyh0zh8gZDTkubVF");
		assertThat(this.stub.received(TOKEN).get(0).query()).isEqualTo("grant_type=client_credentials");
		assertThat(this.stub.received(TOKEN).get(0).authorization()).startsWith("Basic ");
	}

	@Test
	void tokenLifetimeAsNumberIsCachedAcrossCalls() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-number.json")))
			.on(PUSH, json(200, daraja("stkpush-accepted.json")));
		this.daraja.stkPush(push());
		this.daraja.stkPush(push());
		assertThat(this.stub.hits(TOKEN)).isEqualTo(1);
	}

	@Test
	void refusedTokenIsRenewedAndTheCallRepeatedOnce() {
		this.stub
			.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")),
					json(200, daraja("oauth-token-expiry-number.json")))
			.on(PUSH, json(404, daraja("error-invalid-access-token.json")), json(200, daraja("stkpush-accepted.json")));
		assertThat(this.daraja.stkPush(push())).isInstanceOf(StkPushOutcome.Accepted.class);
		assertThat(this.stub.hits(TOKEN)).isEqualTo(2);
		assertThat(this.stub.received(PUSH).get(1).authorization()).isEqualTo("Bearer SGWcJPtNtYNPGm6uSYR9yPYrAI3Bm");
	}

	@Test
	void invalidPhoneIsTheCustomersProblem() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(PUSH, json(400, daraja("stkpush-error-invalid-phone.json")));
		assertThat(this.daraja.stkPush(push())).isInstanceOfSatisfying(StkPushOutcome.Rejected.class, (rejected) -> {
			assertThat(rejected.cause()).isEqualTo(FailureCause.USER);
			assertThat(rejected.code().customerMessage()).contains("phone number");
		});
	}

	/**
	 * Live Daraja (2025-2026): a wrong consumer secret gets HTTP 400 with no body, and an
	 * unanswered prompt's query HTTP 200 with ResultCode 4999. Neither may be misread.
	 */
	@Test
	void emptyOauthRefusalAndTheCurrentPendingQueryAreUnderstood() {
		this.stub.on(TOKEN, json(400, ""));
		assertThat(this.daraja.stkPush(push())).isInstanceOfSatisfying(StkPushOutcome.Rejected.class,
				(rejected) -> assertThat(rejected.cause()).isEqualTo(FailureCause.CONFIGURATION));
		assertThat(this.daraja.checkCredentials().detail()).contains("consumer key or consumer secret is wrong");

		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json"))).on(QUERY, json(200, """
				{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully",
				 "MerchantRequestID":"2654-4b64-97ff-b827b542881d3130",
				 "CheckoutRequestID":"ws_CO_1007202409152617172396192",
				 "ResultCode":"4999","ResultDesc":"The transaction is still under processing"}"""), json(200, """
				{"ResponseCode":"0","MerchantRequestID":"2654-4b64-97ff-b827b542881d3130",
				 "CheckoutRequestID":"ws_CO_1007202409152617172396192",
				 "ResultCode":"31337","ResultDesc":"Something Daraja never documented"}"""));
		CheckoutRequestId checkout = new CheckoutRequestId("ws_CO_1007202409152617172396192");
		assertThat(this.daraja.stkQuery(checkout)).isInstanceOf(StkQueryOutcome.Pending.class);
		assertThat(this.daraja.stkQuery(checkout)).isInstanceOf(StkQueryOutcome.Unknown.class);
	}

	@Test
	void wrongCredentialsAreOurConfiguration() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(PUSH, json(500, daraja("stkpush-error-wrong-credentials.json")));
		assertThat(this.daraja.stkPush(push())).isInstanceOfSatisfying(StkPushOutcome.Rejected.class,
				(rejected) -> assertThat(rejected.cause()).isEqualTo(FailureCause.CONFIGURATION));
	}

	@Test
	void lockedSubscriberIsRefusedNotAmbiguous() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(PUSH, json(500, daraja("stkpush-error-subscriber-locked.json")));
		assertThat(this.daraja.stkPush(push())).isInstanceOfSatisfying(StkPushOutcome.Rejected.class, (rejected) -> {
			assertThat(rejected.cause()).isEqualTo(FailureCause.USER);
			assertThat(rejected.code().codeClass()).isEqualTo(CodeClass.USER_FINAL);
		});
	}

	@Test
	void spikeArrestIsABackOffNotAFailure() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(PUSH, json(500, daraja("stkpush-error-spike-arrest.json")));
		assertThat(this.daraja.stkPush(push())).isInstanceOfSatisfying(StkPushOutcome.Rejected.class, (rejected) -> {
			assertThat(rejected.cause()).isEqualTo(FailureCause.DARAJA);
			assertThat(rejected.retryAfter()).isPositive();
		});
		assertThat(this.stub.hits(PUSH)).as("a push is never repeated automatically").isEqualTo(1);
	}

	@Test
	void unreadable5xxAfterSendingIsAmbiguousAndNeverRepeated() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(PUSH, json(502, "<html>Bad gateway</html>"));
		assertThat(this.daraja.stkPush(push())).isInstanceOf(StkPushOutcome.Ambiguous.class);
		assertThat(this.stub.hits(PUSH)).isEqualTo(1);
	}

	@Test
	void timeoutAfterSendingIsAmbiguous() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(PUSH, StubServer.slow(Duration.ofSeconds(4), 200, daraja("stkpush-accepted.json")));
		assertThat(this.daraja.stkPush(push())).isInstanceOf(StkPushOutcome.Ambiguous.class);
		assertThat(this.stub.hits(PUSH)).isEqualTo(1);
	}

	@Test
	void unreachableDarajaMeansNothingWasSent() {
		Daraja nowhere = TestClients.client("http://127.0.0.1:1", Clock.systemUTC());
		StkPushOutcome outcome = nowhere.stkPush(push());
		assertThat(outcome).isInstanceOfAny(StkPushOutcome.Unavailable.class);
	}

	@Test
	void queryBeingProcessedIsPendingNeverFailed() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(QUERY, json(500, daraja("stkquery-being-processed-http500.json")));
		assertThat(this.daraja.stkQuery(new CheckoutRequestId("ws_CO_20022018230142206")))
			.isInstanceOf(StkQueryOutcome.Pending.class);
		assertThat(this.stub.hits(QUERY)).isEqualTo(1);
	}

	@Test
	void queryCompletedAndCancelledWithPrefixAndMisspelling() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(QUERY, json(200, daraja("stkquery-completed.json")), json(200, daraja("stkquery-cancelled.json")));
		assertThat(this.daraja.stkQuery(new CheckoutRequestId("ws_CO_13012021093521236557")))
			.isInstanceOfSatisfying(StkQueryOutcome.Completed.class, (done) -> assertThat(done.paid()).isTrue());
		assertThat(this.daraja.stkQuery(new CheckoutRequestId("ws_CO_13012021093521236558")))
			.isInstanceOfSatisfying(StkQueryOutcome.Completed.class, (done) -> {
				assertThat(done.paid()).isFalse();
				assertThat(done.resultCode()).isEqualTo("1032");
				assertThat(done.resultDescription()).isEqualTo("Request cancelled by user");
			});
	}

	@Test
	void queryIsRetriedWithBackoffOnRateLimits() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(QUERY, json(500, daraja("stkpush-error-spike-arrest.json")),
					json(200, daraja("stkquery-completed.json")));
		assertThat(this.daraja.stkQuery(new CheckoutRequestId("ws_CO_13012021093521236557")))
			.isInstanceOf(StkQueryOutcome.Completed.class);
		assertThat(this.stub.hits(QUERY)).isEqualTo(2);
	}

	@Test
	void queryThatKeepsFailingIsUnknownNotFailed() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(QUERY, json(503, "Service unavailable"));
		assertThat(this.daraja.stkQuery(new CheckoutRequestId("ws_CO_13012021093521236557")))
			.isInstanceOf(StkQueryOutcome.Unknown.class);
		assertThat(this.stub.hits(QUERY)).isEqualTo(3);
	}

	@Test
	void circuitOpensAfterRepeatedFailuresAndPushesAreNotSent() {
		this.stub.on(TOKEN, json(200, daraja("oauth-token-expiry-string.json")))
			.on(QUERY, json(503, "down"))
			.on(PUSH, json(200, daraja("stkpush-accepted.json")));
		IntStream.range(0, 5).forEach((i) -> this.daraja.stkQuery(new CheckoutRequestId("ws_CO_1")));
		assertThat(this.daraja.circuitState()).isEqualTo(Daraja.CircuitState.OPEN);
		assertThat(this.daraja.stkPush(push())).isInstanceOf(StkPushOutcome.Unavailable.class);
		assertThat(this.stub.hits(PUSH)).isZero();
	}

}
