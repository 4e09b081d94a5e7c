package ke.malipo.common.secrets;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM as every sealed thing in Malipo stores it: a fresh 12-byte nonce, then the
 * ciphertext with its 128-bit tag; optional associated data binds a sealed value to where
 * it belongs (a session's notes to that session).
 */
public final class AesGcm {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	/** The shortest sealed value: a nonce and a tag around nothing. */
	public static final int OVERHEAD = NONCE_BYTES + TAG_BITS / 8;

	private static final SecureRandom RANDOM = new SecureRandom();

	private AesGcm() {
	}

	/** Nonce and ciphertext with tag. */
	public static byte[] seal(byte[] key, byte[] plain, byte[] associated) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, associated).doFinal(plain);
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this JDK", ex);
		}
	}

	/**
	 * The plaintext, or a refusal when the value is too short, was altered, was sealed
	 * with another key or for other associated data.
	 */
	public static byte[] open(byte[] key, byte[] sealed, byte[] associated) throws AEADBadTagException {
		if (sealed.length < OVERHEAD) {
			throw new AEADBadTagException("too short to be sealed");
		}
		try {
			return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), associated).doFinal(sealed,
					NONCE_BYTES, sealed.length - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw ex;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this JDK", ex);
		}
	}

	private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] associated)
			throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(associated);
		return cipher;
	}

}
