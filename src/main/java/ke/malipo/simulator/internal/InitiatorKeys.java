package ke.malipo.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import javax.crypto.Cipher;

import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * The simulator's stand-in for Safaricom's initiator certificate: a key pair made when
 * first needed (nothing to keep secret, nothing committed). The public half is served for
 * the client to encrypt the initiator password; the private half lets the simulator check
 * it, as M-Pesa does.
 */
class InitiatorKeys {

	/**
	 * Made when first asked for: a 2048-bit RSA pair took about 0.4 s of the start-up's
	 * main thread (BENCHMARKS.md, F6), and nothing needs it before the first call that
	 * carries a SecurityCredential.
	 */
	private final SingletonSupplier<KeyPair> keys = SingletonSupplier.of(InitiatorKeys::generate);

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No RSA available", ex);
		}
	}

	/** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
	String publicKeyPem() {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(this.keys.obtain().getPublic().getEncoded());
		return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
	}

	/**
	 * The password inside a SecurityCredential, or null when it was not made with our
	 * key.
	 */
	@Nullable String decrypt(String securityCredential) {
		try {
			Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
			cipher.init(Cipher.DECRYPT_MODE, this.keys.obtain().getPrivate());
			return new String(cipher.doFinal(Base64.getDecoder().decode(securityCredential)), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return null;
		}
	}

}
