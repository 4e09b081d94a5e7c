package ke.malipo.daraja.internal;

import java.time.Clock;
import java.util.List;

import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.DarajaEnvironment;
import ke.malipo.daraja.DarajaSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Builds the Daraja client, refusing to start with settings that cannot work. */
@Configuration(proxyBeanMethods = false)
class DarajaConfiguration {

	@Bean
	Daraja daraja(DarajaSettings settings, DarajaEndpoints endpoints, Clock clock, Environment environment) {
		List<String> problems = settings.problems(environment.matchesProfiles("prod"));
		if (!problems.isEmpty()) {
			throw new IllegalStateException("M-Pesa settings are not usable:\n  - " + String.join("\n  - ", problems));
		}
		DarajaTransport transport = new DarajaTransport(settings, endpoints, clock);
		return new DarajaClient(settings, endpoints, transport, securityCredentials(settings, transport), clock);
	}

	static SecurityCredentials securityCredentials(DarajaSettings settings, DarajaTransport transport) {
		return new SecurityCredentials(settings, () -> (settings.environment() == DarajaEnvironment.SIMULATOR)
				? transport.fetchText("/initiator-public-key.pem") : null);
	}

}
