package ke.malipo.daraja.internal;

import java.time.Clock;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.StkPushRequest;
import ke.malipo.support.StubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static ke.malipo.support.Fixtures.daraja;
import static ke.malipo.support.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * What actually goes over the wire for an STK push: Property 12 (STK Push Contains
 * Business Name) and Property 13 (STK Push Contains Correct Amount), checked on the JSON
 * Daraja receives.
 */
class StkPushRequestPropertiesTest {

	private static final StubServer STUB = new StubServer()
		.on("/oauth/v1/generate", json(200, daraja("oauth-token-expiry-string.json")))
		.on("/mpesa/stkpush/v1/processrequest", json(200, daraja("stkpush-accepted.json")));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@AfterAll
	static void stop() {
		STUB.close();
	}

	private static JsonNode lastPush() {
		var pushes = STUB.received("/mpesa/stkpush");
		return JSON.readTree(pushes.get(pushes.size() - 1).body());
	}

	@Test
	void property13_stkPushContainsTheExactWholeShillingAmount() {
		Daraja daraja = TestClients.client(STUB.url(), Clock.systemUTC());
		qt().withExamples(100).withFixedSeed(13L).forAll(longs().between(1, 250_000)).checkAssert((amount) -> {
			daraja.stkPush(new StkPushRequest(Msisdn.parse("0712345678"), Kes.of(amount), "Session 1",
					"https://pay.example.org/hooks/stk/x"));
			JsonNode sent = lastPush();
			assertThat(sent.get("Amount").isIntegralNumber()).isTrue();
			assertThat(sent.get("Amount").asLong()).isEqualTo(amount);
		});
	}

	@Test
	void property13_amountsOutsideMpesaLimitsNeverLeaveTheProcess() {
		qt().withExamples(100)
			.withFixedSeed(1313L)
			.forAll(longs().between(250_001, Long.MAX_VALUE / 2))
			.checkAssert((amount) -> assertThatIllegalArgumentException()
				.isThrownBy(() -> new StkPushRequest(Msisdn.parse("0712345678"), Kes.of(amount), "Session",
						"https://pay.example.org/x")));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new StkPushRequest(Msisdn.parse("0712345678"), Kes.ZERO, "Session", "https://pay.example.org/x"));
	}

	@Test
	void property12_stkPushContainsTheBusinessNameWithinDarajasLimits() {
		qt().withExamples(200)
			.withFixedSeed(12L)
			.forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 40),
					strings().basicLatinAlphabet().ofLengthBetween(1, 40))
			.assuming((name, reference) -> name.chars().anyMatch(Character::isLetterOrDigit)
					&& reference.chars().anyMatch(Character::isLetterOrDigit))
			.checkAssert((name, reference) -> {
				String accountReference = StkPushRequest.accountReference(name);
				assertThat(accountReference.length()).isBetween(1, 12);
				String cleanedName = name.replaceAll("[^A-Za-z0-9 ]", "").replaceAll(" +", " ").strip();
				assertThat(cleanedName).startsWith(accountReference);
				String description = new StkPushRequest(Msisdn.parse("0712345678"), Kes.of(10), reference,
						"https://pay.example.org/x")
					.transactionDesc();
				assertThat(description.length()).isBetween(1, 13);
			});
	}

	@Test
	void property12_theConfiguredBusinessNameIsWhatDarajaReceives() {
		Daraja daraja = TestClients.client(STUB.url(), Clock.systemUTC());
		daraja.stkPush(new StkPushRequest(Msisdn.parse("0712345678"), Kes.of(1500), "Session 1042",
				"https://pay.example.org/hooks/stk/x"));
		JsonNode sent = lastPush();
		assertThat(sent.get("AccountReference").asString()).isEqualTo("Malipo Thera");
		assertThat(sent.get("TransactionDesc").asString()).isEqualTo("Session 1042");
		assertThat(sent.get("PartyA").asString()).isEqualTo("254712345678");
		assertThat(sent.get("PhoneNumber").asString()).isEqualTo("254712345678");
		assertThat(sent.get("PartyB").asString()).isEqualTo("174379");
		assertThat(sent.get("TransactionType").asString()).isEqualTo("CustomerPayBillOnline");
		assertThat(ke.malipo.daraja.StkPassword.matches(sent.get("Password").asString(), "174379",
				ke.malipo.daraja.DarajaSettings.SANDBOX_PASSKEY, sent.get("Timestamp").asString()))
			.isTrue();
	}

}
