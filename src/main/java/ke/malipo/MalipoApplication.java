package ke.malipo;

import ke.malipo.common.database.EmbeddedDatabaseEarlyStart;
import ke.malipo.common.secrets.SealCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Malipo: therapy-session booking for Kenya, paid with M-Pesa. Each direct sub-package is
 * one application module; {@code ModularityTests} verifies their boundaries.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MalipoApplication {

	public static void main(String[] args) {
		if (SealCommand.handles(args)) {
			System.exit(SealCommand.run(args, System.in, System.out, System.err, System.getenv()));
		}
		SpringApplication application = new SpringApplication(MalipoApplication.class);
		application.addListeners(new EmbeddedDatabaseEarlyStart());
		application.run(args);
	}

}
