package ke.malipo.daraja.internal;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
	DarajaTransport darajaTransport(DarajaSettings settings, DarajaEndpoints endpoints, Clock clock,
			Environment environment, MeterRegistry meters) {
		List<String> problems = settings.problems(environment.matchesProfiles("prod"));
		if (!problems.isEmpty()) {
			throw new IllegalStateException("M-Pesa settings are not usable:\n  - " + String.join("\n  - ", problems));
		}
		DarajaTransport transport = new DarajaTransport(settings, endpoints, clock, meters);
		Gauge.builder("malipo.daraja.circuit.open", transport, (t) -> switch (t.breaker().getState()) {
			case OPEN, FORCED_OPEN -> 1.0;
			case HALF_OPEN -> 0.5;
			default -> 0.0;
		})
			.description("1 while calls to Daraja are held back (circuit open), 0.5 while it is tried again")
			.register(meters);
		return transport;
	}

	@Bean
	Daraja daraja(DarajaSettings settings, DarajaEndpoints endpoints, DarajaTransport transport, Clock clock) {
		return new DarajaClient(settings, endpoints, transport, securityCredentials(settings, transport), clock);
	}

	/** M-Pesa in /actuator/health as "mpesa": degraded, never down (see MpesaHealth). */
	@Bean
	MpesaHealth mpesaHealthIndicator(DarajaTransport transport, Clock clock) {
		return new MpesaHealth(transport, clock);
	}

	static SecurityCredentials securityCredentials(DarajaSettings settings, DarajaTransport transport) {
		return new SecurityCredentials(settings, () -> (settings.environment() == DarajaEnvironment.SIMULATOR)
				? transport.fetchText("/initiator-public-key.pem") : null);
	}

}
