package ke.malipo.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret in each attempt's callback URL. Daraja does not sign callbacks, so a
 * callback is believed only if it carries the token of the attempt it speaks of. Only a
 * SHA-256 hash is stored: a database leak does not hand out valid callback URLs.
 */
final class CallbackTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private CallbackTokens() {
	}

	/** 256 random bits, URL-safe. */
	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Compares in time independent of where the values differ. */
	static boolean same(String expectedHash, String actualHash) {
		return MessageDigest.isEqual(expectedHash.getBytes(StandardCharsets.US_ASCII),
				actualHash.getBytes(StandardCharsets.US_ASCII));
	}

	/** Whether a path segment can be a token at all (checked before any lookup). */
	static boolean wellFormed(String token) {
		return token.length() == 43 && token.matches("[A-Za-z0-9_-]+");
	}

}
