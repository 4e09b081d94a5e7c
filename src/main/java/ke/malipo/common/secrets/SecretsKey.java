package ke.malipo.common.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.springframework.core.env.Environment;

/**
 * The 256-bit key that opens sealed settings: from the environment variable
 * {@code MALIPO_SECRETS_KEY} (base64), or from the file named by
 * {@code MALIPO_SECRETS_KEY_FILE} ({@code malipo.secrets.key-file}), e.g. a mounted
 * Kubernetes or Docker secret. Never from a file in the repository or the database.
 */
public final class SecretsKey {

	static final String KEY_PROPERTY = "malipo.secrets.key";

	static final String FILE_PROPERTY = "malipo.secrets.key-file";

	private final byte[] bytes;

	private SecretsKey(byte[] bytes) {
		if (bytes.length != 32) {
			throw new IllegalStateException(
					"The secrets key must be 32 bytes (base64 of 256 random bits), not " + bytes.length);
		}
		this.bytes = bytes.clone();
	}

	public static SecretsKey of(byte[] bytes) {
		return new SecretsKey(bytes);
	}

	public static SecretsKey generate() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return new SecretsKey(bytes);
	}

	/** The configured key, or empty when neither the variable nor the file is set. */
	public static Optional<SecretsKey> from(Environment environment) {
		String inline = environment.getProperty(KEY_PROPERTY);
		if (inline != null && !inline.isBlank()) {
			return Optional.of(decode(inline, "MALIPO_SECRETS_KEY"));
		}
		String file = environment.getProperty(FILE_PROPERTY);
		if (file == null || file.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(decode(Files.readString(Path.of(file)), "the secrets key file " + file));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the secrets key file " + file + " ("
					+ ex.getClass().getSimpleName() + "): check " + FILE_PROPERTY, ex);
		}
	}

	private static SecretsKey decode(String text, String where) {
		try {
			return new SecretsKey(Base64.getDecoder().decode(text.strip()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The secrets key in " + where + " is not base64", ex);
		}
	}

	public String encoded() {
		return Base64.getEncoder().encodeToString(this.bytes);
	}

	byte[] bytes() {
		return this.bytes.clone();
	}

}
