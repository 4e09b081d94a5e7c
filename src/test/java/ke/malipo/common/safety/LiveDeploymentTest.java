package ke.malipo.common.safety;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Safe without the prod profile (issue 13): demo accounts and the simulator are refused
 * on anything that looks like a real deployment (an external database, real M-Pesa, a
 * public bind address, or the profile), each with a message that says why and what to
 * set; a plain local run keeps them.
 */
class LiveDeploymentTest {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "spring.datasource.url, jdbc:postgresql://db.internal/malipo, an external database",
			"malipo.database.embedded, false, an external database",
			"malipo.mpesa.environment, production, M-Pesa's production environment",
			"malipo.mpesa.environment, sandbox, M-Pesa's sandbox environment",
			"server.address, 0.0.0.0, the server listens on 0.0.0.0",
			"server.address, 203.0.113.7, the server listens on 203.0.113.7" })
	void eachUnsafeConfigurationRefusesDemoAccountsAndTheSimulator(String property, String value, String why) {
		MockEnvironment environment = new MockEnvironment().withProperty(property, value);
		assertThat(LiveDeployment.reason(environment)).hasValueSatisfying((reason) -> assertThat(reason).contains(why));
		assertThatIllegalStateException()
			.isThrownBy(
					() -> LiveDeployment.refuse(environment, true, "Demo accounts", "malipo.identity.demo-accounts"))
			.withMessageContaining(why)
			.withMessageContaining("set malipo.identity.demo-accounts=false");
		assertThatIllegalStateException()
			.isThrownBy(
					() -> LiveDeployment.refuse(environment, true, "The Daraja simulator", "malipo.simulator.enabled"))
			.withMessageContaining("set malipo.simulator.enabled=false");
		assertThatNoException().isThrownBy(
				() -> LiveDeployment.refuse(environment, false, "Demo accounts", "malipo.identity.demo-accounts"));
	}

	@Test
	void theProfileAloneCountsAndALocalRunKeepsItsConveniences() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThat(LiveDeployment.reason(production)).contains("the prod profile is active");

		MockEnvironment local = new MockEnvironment().withProperty("malipo.mpesa.environment", "simulator")
			.withProperty("server.address", "127.0.0.1");
		assertThat(LiveDeployment.reason(local)).isEmpty();
		assertThat(LiveDeployment.reason(new MockEnvironment().withProperty("server.address", "localhost"))).isEmpty();
		assertThatNoException()
			.isThrownBy(() -> LiveDeployment.refuse(local, true, "Demo accounts", "malipo.identity.demo-accounts"));
	}

}
