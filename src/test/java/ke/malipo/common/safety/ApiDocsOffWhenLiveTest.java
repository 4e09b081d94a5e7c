package ke.malipo.common.safety;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI and the OpenAPI document are off in production unless enabled (issue 13),
 * and "production" means any start that looks real, not only the prod profile.
 */
class ApiDocsOffWhenLiveTest {

	private final ApiDocsOffWhenLive processor = new ApiDocsOffWhenLive();

	@Test
	void anExternalDatabaseWithoutTheProfileSwitchesTheApiDocsOff() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://db.internal/malipo");
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("springdoc.api-docs.enabled", Boolean.class)).isFalse();
		assertThat(environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class)).isFalse();
	}

	@Test
	void springBootRunsItOnEveryStart() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(EnvironmentPostProcessor.class,
					// Boot's own processors need constructor arguments this plain loader
					// does not give.
					(type, name, failure) -> {
					}))
			.hasAtLeastOneElementOfType(ApiDocsOffWhenLive.class);
	}

	@Test
	void anOperatorWhoAsksForThemKeepsThem() {
		MockEnvironment environment = new MockEnvironment().withProperty("malipo.mpesa.environment", "production")
			.withProperty("springdoc.swagger-ui.enabled", "true")
			.withProperty("springdoc.api-docs.enabled", "true");
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("springdoc.api-docs.enabled", Boolean.class)).isTrue();
		assertThat(environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class)).isTrue();
	}

	@Test
	void aLocalRunKeepsTheExplorer() {
		MockEnvironment environment = new MockEnvironment();
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(ApiDocsOffWhenLive.SOURCE)).isFalse();
		assertThat(environment.getProperty("springdoc.swagger-ui.enabled")).isNull();
	}

}
