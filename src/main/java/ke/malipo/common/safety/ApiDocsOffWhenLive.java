package ke.malipo.common.safety;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches the API's description and its explorer off on anything that looks like a real
 * deployment (see {@link LiveDeployment}), not only under the {@code prod} profile: they
 * describe every endpoint to whoever asks. The defaults are added last, so an operator
 * who wants them sets {@code springdoc.api-docs.enabled} and
 * {@code springdoc.swagger-ui.enabled} to {@code true} anywhere and wins.
 */
public class ApiDocsOffWhenLive implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "malipo-api-docs-off-when-live";

	@Override
	public int getOrder() {
		// After the config files: LiveDeployment reads the datasource, M-Pesa and bind
		// settings.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (LiveDeployment.reason(environment).isPresent()) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(SOURCE,
						Map.of("springdoc.api-docs.enabled", "false", "springdoc.swagger-ui.enabled", "false")));
		}
	}

}
