package ke.malipo.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The key that signs API tokens (HMAC-SHA256). Production must configure one; the local
 * run generates a random one once and keeps it in a file so tokens survive a restart.
 */
@Component
class JwtKeys {

	private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

	static final int MINIMUM_BYTES = 32;

	private final SecretKey signingKey;

	JwtKeys(IdentitySettings settings, Environment environment) {
		byte[] secret;
		if (settings.jwtSecret() != null && !settings.jwtSecret().isBlank()) {
			secret = settings.jwtSecret().getBytes(StandardCharsets.UTF_8);
		}
		else if (environment.matchesProfiles("prod")) {
			throw new IllegalStateException(
					"malipo.identity.jwt-secret must be set in production (at least 32 random bytes).");
		}
		else {
			secret = loadOrGenerate(settings.jwtSecretFile());
		}
		if (secret.length < MINIMUM_BYTES) {
			throw new IllegalStateException("malipo.identity.jwt-secret must be at least " + MINIMUM_BYTES
					+ " bytes long; it has " + secret.length + ".");
		}
		this.signingKey = new SecretKeySpec(secret, "HmacSHA256");
	}

	SecretKey signingKey() {
		return this.signingKey;
	}

	private static byte[] loadOrGenerate(Path file) {
		try {
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).strip());
			}
			byte[] secret = new byte[48];
			new SecureRandom().nextBytes(secret);
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, Base64.getEncoder().encodeToString(secret));
			restrictToOwner(file);
			log.info("Generated a token signing key in {}", file);
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the token signing key in " + file, ex);
		}
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): the file inherits the folder's
			// permissions.
		}
	}

}
