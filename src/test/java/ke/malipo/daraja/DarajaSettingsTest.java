package ke.malipo.daraja;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Property 77: Sandbox Mode Uses Sandbox Credentials; production refuses sandbox
 * constants.
 */
class DarajaSettingsTest {

	private static DarajaSettings settings(DarajaEnvironment environment, String baseUrl, String key, String shortcode,
			String passkey, String callback) {
		return new DarajaSettings(environment, baseUrl, key, "secret", shortcode, passkey, TransactionType.PAYBILL,
				null, callback, "Malipo", Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(10),
				new DarajaSettings.Initiator(null, null, null), "0722000000");
	}

	@Test
	void property77_sandboxNeverTalksToAnythingButTheSandbox() {
		List<String> addresses = List.of("", "https://sandbox.safaricom.co.ke", "https://api.safaricom.co.ke",
				"http://localhost:8080/simulator/daraja", "https://evil.example.com");
		qt().withExamples(200)
			.withFixedSeed(77L)
			.forAll(integers().between(0, addresses.size() - 1), strings().basicLatinAlphabet().ofLengthBetween(1, 20))
			.checkAssert((index, key) -> {
				String address = addresses.get(index);
				List<String> problems = settings(DarajaEnvironment.SANDBOX, address, "k" + key, "174379",
						DarajaSettings.SANDBOX_PASSKEY, "https://pay.example.org")
					.problems(false);
				boolean acceptable = address.isEmpty() || address.equals("https://sandbox.safaricom.co.ke");
				assertThat(problems.stream().anyMatch((p) -> p.contains("base-url"))).isEqualTo(!acceptable);
			});
		assertThat(DarajaEnvironment.SANDBOX.baseUrl()).isEqualTo("https://sandbox.safaricom.co.ke");
	}

	@Test
	void theSimulatorsAddressMustBeAnHttpAddress() {
		for (String good : List.of("", "http://localhost:8080/simulator/daraja", "https://sim.example.org/daraja/")) {
			assertThat(settings(DarajaEnvironment.SIMULATOR, good, "simulator-key", "174379",
					DarajaSettings.SANDBOX_PASSKEY, "")
				.problems(false)).as(good).noneMatch((p) -> p.contains("base-url"));
		}
		for (String bad : List.of("localhost:8080", "http://bad host/daraja", "ftp://sim.example.org", "/simulator")) {
			assertThat(settings(DarajaEnvironment.SIMULATOR, bad, "simulator-key", "174379",
					DarajaSettings.SANDBOX_PASSKEY, "")
				.problems(false)).as(bad).anyMatch((p) -> p.contains("base-url"));
		}
	}

	@Test
	void property77_sandboxRefusesTheSimulatorsCredentials() {
		assertThat(settings(DarajaEnvironment.SANDBOX, "", "simulator-key", "174379", DarajaSettings.SANDBOX_PASSKEY,
				"https://pay.example.org")
			.problems(false)).anyMatch((p) -> p.contains("simulator"));
	}

	@Test
	void productionRefusesSandboxConstantsAndPlainHttpCallbacks() {
		List<String> problems = settings(DarajaEnvironment.PRODUCTION, "", "live-key", "174379",
				DarajaSettings.SANDBOX_PASSKEY, "http://pay.example.org")
			.problems(true);
		assertThat(problems).anyMatch((p) -> p.contains("sandbox shortcode"))
			.anyMatch((p) -> p.contains("public sandbox passkey"))
			.anyMatch((p) -> p.contains("https"));
	}

	@Test
	void productionProfileRefusesTheSimulator() {
		assertThat(
				settings(DarajaEnvironment.SIMULATOR, "", "simulator-key", "174379", DarajaSettings.SANDBOX_PASSKEY, "")
					.problems(true))
			.anyMatch((p) -> p.contains("simulator"));
		assertThat(
				settings(DarajaEnvironment.SIMULATOR, "", "simulator-key", "174379", DarajaSettings.SANDBOX_PASSKEY, "")
					.problems(false))
			.isEmpty();
	}

	@Test
	void callbackUrlsWithWordsSafaricomRefusesAreCaught() {
		assertThat(settings(DarajaEnvironment.PRODUCTION, "", "live-key", "4149503", "live-passkey",
				"https://malipo.example.ke/mpesa")
			.problems(true)).anyMatch((p) -> p.contains("'mpesa'"));
		assertThat(settings(DarajaEnvironment.PRODUCTION, "", "live-key", "4149503", "live-passkey",
				"https://malipo.example.ke")
			.problems(true)).isEmpty();
	}

	@Test
	void tillsNeedATillNumber() {
		DarajaSettings till = new DarajaSettings(DarajaEnvironment.SIMULATOR, null, "simulator-key", "secret", "174379",
				DarajaSettings.SANDBOX_PASSKEY, TransactionType.TILL, null, null, "Malipo", Duration.ofSeconds(5),
				Duration.ofSeconds(30), Duration.ofMinutes(10), new DarajaSettings.Initiator(null, null, null), null);
		assertThat(till.problems(false)).anyMatch((p) -> p.contains("till-number"));
	}

	@Test
	void safaricomEnvironmentsNeedANumberToRegisterPullTransactionsWith() {
		for (String number : new String[] { null, "", "12345", "0722 000 000x" }) {
			DarajaSettings settings = new DarajaSettings(DarajaEnvironment.SANDBOX, null, "k", "secret", "174379",
					DarajaSettings.SANDBOX_PASSKEY, TransactionType.PAYBILL, null, "https://pay.example.org", "Malipo",
					Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(10),
					new DarajaSettings.Initiator(null, null, null), number);
			assertThat(settings.problems(false)).as(String.valueOf(number))
				.anyMatch((p) -> p.contains("pull-nominated-number"));
		}
	}

}
