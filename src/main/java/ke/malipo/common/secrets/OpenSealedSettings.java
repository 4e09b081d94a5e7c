package ke.malipo.common.secrets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import ke.malipo.common.logging.LogMasking;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Opens every {@code enc:} setting once, before any bean binds it (Property 45). Each
 * property source holding sealed values is replaced in place by a copy with the values
 * opened, so precedence and relaxed binding (e.g. {@code MALIPO_MPESA_PASSKEY}) stay as
 * they were. Every opened value is handed to {@link LogMasking}, so it is masked in any
 * log line that would carry it. A sealed value that cannot be opened stops the start with
 * the property's name and the reason, never the value.
 */
public class OpenSealedSettings implements EnvironmentPostProcessor, Ordered {

	@Override
	public int getOrder() {
		// After the config files, SPRING_APPLICATION_JSON and the rest are in place.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Optional<SecretsKey> key = Optional.empty();
		boolean keyRead = false;
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable) || !holdsSealed(enumerable)) {
				continue;
			}
			if (!keyRead) {
				key = SecretsKey.from(environment);
				keyRead = true;
			}
			environment.getPropertySources().replace(source.getName(), opened(enumerable, key));
		}
	}

	private static boolean holdsSealed(EnumerablePropertySource<?> source) {
		for (String name : source.getPropertyNames()) {
			if (source.getProperty(name) instanceof CharSequence value && SealedSecrets.isSealed(value.toString())) {
				return true;
			}
		}
		return false;
	}

	private static PropertySource<?> opened(EnumerablePropertySource<?> source, Optional<SecretsKey> key) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (String name : source.getPropertyNames()) {
			Object value = source.getProperty(name);
			if (value == null) {
				continue;
			}
			if (value instanceof CharSequence text && SealedSecrets.isSealed(text.toString())) {
				String plain = open(name, text.toString(), key);
				LogMasking.registerSecret(plain);
				value = plain;
			}
			values.put(name, value);
		}
		return (source instanceof SystemEnvironmentPropertySource)
				? new SystemEnvironmentPropertySource(source.getName(), values)
				: new MapPropertySource(source.getName(), values);
	}

	private static String open(String name, String sealed, Optional<SecretsKey> key) {
		if (key.isEmpty()) {
			throw new IllegalStateException(name + " is sealed (enc:) but no secrets key is configured: set the "
					+ "MALIPO_SECRETS_KEY environment variable or MALIPO_SECRETS_KEY_FILE (see docs/SECURITY.md).");
		}
		try {
			return SealedSecrets.open(key.get(), sealed);
		}
		catch (UnopenableSecretException ex) {
			throw new IllegalStateException(name + " is sealed (enc:) but could not be opened: " + ex.getMessage()
					+ ". Seal it again with the configured key (see docs/SECURITY.md).");
		}
	}

}
