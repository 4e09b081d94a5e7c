package ke.malipo.common.secrets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The operator's side of sealed settings, run without starting the application:
 * {@code java -jar malipo.jar new-secrets-key} prints a fresh key, and
 * {@code java -jar malipo.jar seal-secret} reads one value from standard input (so it
 * stays out of shell history and process lists) and prints its {@code enc:} form, sealed
 * with the key in {@code MALIPO_SECRETS_KEY} or {@code MALIPO_SECRETS_KEY_FILE}.
 */
public final class SealCommand {

	private SealCommand() {
	}

	/** Whether the arguments name one of these commands. */
	public static boolean handles(String[] args) {
		return args.length > 0 && (args[0].equals("seal-secret") || args[0].equals("new-secrets-key"));
	}

	/** Runs the command; returns the process exit code. */
	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
		if (args[0].equals("new-secrets-key")) {
			out.println(SecretsKey.generate().encoded());
			return 0;
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(env)));
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		SecretsKey key;
		try {
			key = SecretsKey.from(environment).orElse(null);
		}
		catch (IllegalStateException ex) {
			err.println(ex.getMessage());
			return 2;
		}
		if (key == null) {
			err.println("Set MALIPO_SECRETS_KEY or MALIPO_SECRETS_KEY_FILE first (new-secrets-key makes a key).");
			return 2;
		}
		String value;
		try {
			value = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
		}
		catch (IOException ex) {
			err.println("Could not read the value from standard input: " + ex.getMessage());
			return 2;
		}
		if (value == null || value.isEmpty()) {
			err.println("Give the value to seal on standard input, one line.");
			return 2;
		}
		out.println(SealedSecrets.seal(key, value));
		return 0;
	}

}
