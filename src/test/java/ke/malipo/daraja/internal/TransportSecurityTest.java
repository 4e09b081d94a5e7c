package ke.malipo.daraja.internal;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property 44: Payment Data Uses TLS Encryption (1.2 or newer, nothing older offered).
 */
class TransportSecurityTest {

	@Test
	void property44_onlyTls12And13AreOfferedToDaraja() {
		assertThat(Arrays.asList(DarajaTransport.tls12OrNewer().getProtocols())).containsExactlyInAnyOrder("TLSv1.3",
				"TLSv1.2");
	}

	@Test
	void property44_sandboxAndProductionAreReachedOverHttpsOnly() {
		assertThat(ke.malipo.daraja.DarajaEnvironment.SANDBOX.baseUrl()).startsWith("https://");
		assertThat(ke.malipo.daraja.DarajaEnvironment.PRODUCTION.baseUrl()).startsWith("https://");
	}

}
