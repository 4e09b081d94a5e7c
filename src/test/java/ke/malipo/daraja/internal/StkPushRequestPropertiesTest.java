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
			daraja.stkPush(new StkPushRequest(Msisdn.parse("0712345678"), Kes.of(amount), "S1",
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
				.isThrownBy(() -> new StkPushRequest(Msisdn.parse("0712345678"), Kes.of(amount), "S1",
						"https://pay.example.org/x")));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new StkPushRequest(Msisdn.parse("0712345678"), Kes.ZERO, "S1", "https://pay.example.org/x"));
	}

	@Test
	void property12_stkPushContainsTheBusinessNameWithinDarajasLimits() {
		qt().withExamples(200)
			.withFixedSeed(12L)
			.forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 40),
					strings().betweenCodePoints('0', 'z').ofLengthBetween(1, 6))
			.assuming((name, reference) -> name.chars().anyMatch(Character::isLetterOrDigit)
					&& reference.chars().allMatch((c) -> Character.isLetterOrDigit(c) && c < 128))
			.checkAssert((name, reference) -> {
				StkPushRequest request = new StkPushRequest(Msisdn.parse("0712345678"), Kes.of(10), reference,
						"https://pay.example.org/x");
				String accountReference = request.accountReference(name);
				String description = StkPushRequest.transactionDesc(name);
				String compactName = name.replaceAll("[^A-Za-z0-9]", "");
				assertThat(accountReference.length()).isBetween(1, 12);
				assertThat(accountReference).endsWith(reference);
				String prefix = accountReference.substring(0, accountReference.length() - reference.length());
				assertThat(compactName).startsWith(prefix);
				assertThat(description.length()).isBetween(1, 13);
				assertThat(name.replaceAll("[^A-Za-z0-9 ]", "").replaceAll(" +", " ").strip()).startsWith(description);
			});
	}

	@Test
	void property12_theConfiguredBusinessNameIsWhatDarajaReceives() {
		Daraja daraja = TestClients.client(STUB.url(), Clock.systemUTC());
		daraja.stkPush(new StkPushRequest(Msisdn.parse("0712345678"), Kes.of(1500), "S1042",
				"https://pay.example.org/hooks/stk/x"));
		JsonNode sent = lastPush();
		assertThat(sent.get("AccountReference").asString()).isEqualTo("MalipoTS1042");
		assertThat(sent.get("TransactionDesc").asString()).isEqualTo("Malipo Therap");
		assertThat(sent.get("PartyA").asString()).isEqualTo("254712345678");
		assertThat(sent.get("PhoneNumber").asString()).isEqualTo("254712345678");
		assertThat(sent.get("PartyB").asString()).isEqualTo("174379");
		assertThat(sent.get("TransactionType").asString()).isEqualTo("CustomerPayBillOnline");
		assertThat(ke.malipo.daraja.StkPassword.matches(sent.get("Password").asString(), "174379",
				ke.malipo.daraja.DarajaSettings.SANDBOX_PASSKEY, sent.get("Timestamp").asString()))
			.isTrue();
	}

}
