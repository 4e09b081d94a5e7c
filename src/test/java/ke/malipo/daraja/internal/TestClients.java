package ke.malipo.daraja.internal;

import java.time.Clock;
import java.time.Duration;

import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.DarajaEnvironment;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.daraja.TransactionType;

import org.springframework.mock.env.MockEnvironment;

/**
 * Daraja clients pointed at a local server, built the way the application builds them.
 */
final class TestClients {

	private TestClients() {
	}

	static DarajaSettings settings(String baseUrl, Duration readTimeout) {
		return new DarajaSettings(DarajaEnvironment.SIMULATOR, baseUrl, "test-key", "test-secret",
				DarajaSettings.SANDBOX_SHORTCODE, DarajaSettings.SANDBOX_PASSKEY, TransactionType.PAYBILL, null,
				"https://pay.example.org", "Malipo Therapy", Duration.ofSeconds(2), readTimeout, Duration.ofMinutes(10),
				new DarajaSettings.Initiator("testapi", null, null), "0722000000");
	}

	static Daraja client(String baseUrl, Clock clock) {
		return client(settings(baseUrl, Duration.ofSeconds(2)), clock);
	}

	static Daraja client(DarajaSettings settings, Clock clock) {
		DarajaEndpoints endpoints = new DarajaEndpoints(settings, new MockEnvironment());
		DarajaTransport transport = new DarajaTransport(settings, endpoints, clock);
		return new DarajaClient(settings, endpoints, transport,
				DarajaConfiguration.securityCredentials(settings, transport), clock);
	}

}
