package ke.malipo.common.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.AEADBadTagException;

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

	private SealedSecrets() {
	}

	public static boolean isSealed(String value) {
		return value.startsWith(PREFIX);
	}

	public static String seal(SecretsKey key, String plaintext) {
		byte[] sealed = AesGcm.seal(key.bytes(), plaintext.getBytes(StandardCharsets.UTF_8), new byte[0]);
		return PREFIX + VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
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
		if (whole.length < AesGcm.OVERHEAD) {
			throw new UnopenableSecretException("it is too short to be sealed");
		}
		try {
			return new String(AesGcm.open(key.bytes(), whole, new byte[0]), StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw new UnopenableSecretException("the key is not the one it was sealed with, or the value was altered");
		}
	}

}
