package ke.malipo.simulator.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ke.malipo.common.safety.LiveDeployment;
import org.springframework.core.env.Environment;

/** The simulator exists only when enabled, and never in production. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("malipo.simulator.enabled")
public class SimulatorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

	@Bean
	SimulatorFaults simulatorFaults(SimulatorSettings settings, Environment environment) {
		// Anyone can pay, fail or forge with it: never on a real deployment, profile or
		// not.
		LiveDeployment.refuse(environment, true, "The Daraja simulator", "malipo.simulator.enabled");
		log.info("Daraja simulator on /simulator/daraja, virtual phone on /simulator/phone (fault seed {})",
				settings.faults().seed());
		return new SimulatorFaults(settings.faults());
	}

	/**
	 * Reports go where Africa's Talking's dashboard would send them: this application's
	 * own report address with the local secret, unless another is set.
	 */
	@Bean
	SimulatedSms simulatedSms(SimulatorSettings settings, Clock clock, Environment environment) {
		return new SimulatedSms(settings.africasTalkingApiKey(), clock,
				() -> environment.getProperty("malipo.simulator.sms-report-url", "http://localhost:"
						+ environment.getProperty("local.server.port", "8080") + "/api/notifications/sms-reports/"
						+ environment.getProperty("malipo.notifications.sms.report-token", "local-sms-report-token")));
	}

	@Bean
	SimulatorTokens simulatorTokens(SimulatorSettings settings, Clock clock) {
		return new SimulatorTokens(settings, clock);
	}

	@Bean
	CallbackPoster callbackPoster(SimulatorSettings settings) {
		return new CallbackPoster(settings.callbackHosts());
	}

	@Bean(destroyMethod = "shutdown")
	SimulatedDaraja simulatedDaraja(SimulatorSettings settings, SimulatorFaults faults, CallbackPoster poster,
			Clock clock) {
		return new SimulatedDaraja(settings, faults, poster, clock);
	}

	@Bean
	SimulatorEndpoints simulatorEndpoints(SimulatorTokens tokens, SimulatedDaraja daraja, SimulatedReports reports,
			SimulatorFaults faults) {
		return new SimulatorEndpoints(tokens, daraja, reports, faults);
	}

	@Bean
	SimulatedReports simulatedReports(SimulatedDaraja daraja, CallbackPoster poster, Clock clock,
			SimulatorSettings settings, SimulatorFaults faults) {
		return new SimulatedReports(daraja, poster, clock, new InitiatorKeys(), settings.initiatorPassword(),
				settings.pullPageSize(), faults);
	}

}
