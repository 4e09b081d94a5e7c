package ke.malipo.common.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens setting values: {@code enc:v1:} followed by base64url of a 12-byte
 * random nonce and the AES-256-GCM ciphertext with its 128-bit tag. GCM authenticates, so
 * a value that was altered or sealed with another key is refused rather than opened into
 * garbage that would then be sent to Safaricom as a password.
 */
public final class SealedSecrets {

	/** What marks a setting value as sealed. */
	public static final String PREFIX = "enc:";

	private static final String VERSION = "v1:";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private SealedSecrets() {
	}

	public static boolean isSealed(String value) {
		return value.startsWith(PREFIX);
	}

	public static String seal(SecretsKey key, String plaintext) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce).doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			ByteBuffer whole = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
			return PREFIX + VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(whole.array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this JDK", ex);
		}
	}

	/**
	 * The plaintext of a sealed value.
	 * @throws UnopenableSecretException when the value is malformed, was altered, or was
	 * sealed with another key; the message never contains the value
	 */
	public static String open(SecretsKey key, String sealed) {
		if (!sealed.startsWith(PREFIX + VERSION)) {
			throw new UnopenableSecretException("it does not start with " + PREFIX + VERSION);
		}
		byte[] whole;
		try {
			whole = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length() + VERSION.length()).strip());
		}
		catch (IllegalArgumentException ex) {
			throw new UnopenableSecretException("it is not base64url after " + PREFIX + VERSION);
		}
		if (whole.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new UnopenableSecretException("it is too short to be sealed");
		}
		try {
			byte[] nonce = java.util.Arrays.copyOf(whole, NONCE_BYTES);
			byte[] plain = cipher(Cipher.DECRYPT_MODE, key, nonce).doFinal(whole, NONCE_BYTES,
					whole.length - NONCE_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new UnopenableSecretException("the key is not the one it was sealed with, or the value was altered");
		}
	}

	private static Cipher cipher(int mode, SecretsKey key, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
		return cipher;
	}

}
