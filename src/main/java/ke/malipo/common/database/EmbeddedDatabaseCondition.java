package ke.malipo.common.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Embedded only when asked for (the default), no external database URL is set, and the
 * {@code prod} profile is not active: production must name its database, and without a
 * URL it fails to start instead of quietly keeping payments in a local directory.
 */
class EmbeddedDatabaseCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return holds(context.getEnvironment());
	}

	static boolean holds(Environment environment) {
		boolean wanted = environment.getProperty("malipo.database.embedded", Boolean.class, true);
		boolean production = environment.matchesProfiles("prod");
		return wanted && !production && !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
	}

}
