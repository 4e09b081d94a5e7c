package ke.malipo.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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

	/**
	 * 256 random bits as lower-case hex. Hex on purpose: Safaricom refuses callback URLs
	 * that contain words such as "sql", "exe" or "cmd", which base64 produces by chance.
	 */
	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
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

	/** Whether a path segment can be a token at all (checked before any lookup). */
	static boolean wellFormed(String token) {
		return token.length() == 64 && token.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
	}

}
