package ke.malipo.identity.internal;

import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import ke.malipo.common.safety.LocalSecrets;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The key that signs API tokens (HMAC-SHA256). Production must configure one; the local
 * run generates a random one once and keeps it in a file so tokens survive a restart.
 */
@Component
class JwtKeys {

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
			secret = LocalSecrets.loadOrGenerate(settings.jwtSecretFile(), "token signing key");
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

}
