package ke.malipo.common.database;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL as soon as the settings are read, on a thread of its
 * own. Spring asks for the database only after loading and parsing the application for
 * several seconds; initdb and the server's start (one to three seconds) overlap that
 * instead of following it. The data source then waits for the start already under way.
 * Registered by {@code MalipoApplication.main}, so it serves the local run; tests start
 * their shared server when their first context asks for it.
 */
public final class EmbeddedDatabaseEarlyStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!EmbeddedDatabaseCondition.holds(environment)) {
			return;
		}
		// A setting that cannot be bound fails the start here, as it would a moment later
		// when the data source binds it.
		DatabaseSettings settings = Binder.get(environment).bindOrCreate("malipo.database", DatabaseSettings.class);
		EmbeddedPostgresServer.startInBackground(settings);
	}

}
