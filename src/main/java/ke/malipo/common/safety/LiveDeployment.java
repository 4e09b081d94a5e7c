package ke.malipo.common.safety;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import org.springframework.core.env.Environment;

/**
 * Whether this start looks like a real deployment, whatever the profile: the {@code prod}
 * profile, an external database, a real M-Pesa environment (sandbox or production), or a
 * bind address other than this machine's loopback. What is only safe on a developer's
 * machine (demo accounts with published passwords, the public simulator) is refused then,
 * so that forgetting {@code SPRING_PROFILES_ACTIVE=prod} cannot expose them.
 */
public final class LiveDeployment {

	private LiveDeployment() {
	}

	/** Why this start counts as a real deployment, or empty when it is a local run. */
	public static Optional<String> reason(Environment environment) {
		if (environment.matchesProfiles("prod")) {
			return Optional.of("the prod profile is active");
		}
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.isBlank() || !environment.getProperty("malipo.database.embedded", Boolean.class, true)) {
			return Optional.of("an external database is configured (spring.datasource.url)");
		}
		String mpesa = environment.getProperty("malipo.mpesa.environment", "simulator").toLowerCase(Locale.ROOT);
		if (!mpesa.equals("simulator")) {
			return Optional.of("M-Pesa's " + mpesa + " environment is configured (malipo.mpesa.environment)");
		}
		String address = environment.getProperty("server.address", "");
		if (!address.isBlank() && !loopback(address)) {
			return Optional.of("the server listens on " + address + " (server.address), not only on this machine");
		}
		return Optional.empty();
	}

	/**
	 * Refuses a local-only feature on a real deployment, saying why and what to set.
	 * @param feature what is refused, in words
	 * @param setting the property that turns it off
	 */
	public static void refuse(Environment environment, boolean enabled, String feature, String setting) {
		if (enabled) {
			reason(environment).ifPresent((why) -> {
				throw new IllegalStateException(feature + " cannot be on when " + why + ": set " + setting
						+ "=false (they are for a local run only).");
			});
		}
	}

	private static boolean loopback(String address) {
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			// A name that does not resolve here is not this machine's loopback.
			return false;
		}
	}

}
