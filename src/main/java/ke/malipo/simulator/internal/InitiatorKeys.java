package ke.malipo.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import javax.crypto.Cipher;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's stand-in for Safaricom's initiator certificate: a key pair made at
 * start-up (nothing to keep secret, nothing committed). The public half is served for the
 * client to encrypt the initiator password; the private half lets the simulator check it,
 * as M-Pesa does.
 */
class InitiatorKeys {

	private final KeyPair keys;

	InitiatorKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No RSA available", ex);
		}
	}

	/** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
	String publicKeyPem() {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(this.keys.getPublic().getEncoded());
		return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
	}

	/**
	 * The password inside a SecurityCredential, or null when it was not made with our
	 * key.
	 */
	@Nullable String decrypt(String securityCredential) {
		try {
			Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
			cipher.init(Cipher.DECRYPT_MODE, this.keys.getPrivate());
			return new String(cipher.doFinal(Base64.getDecoder().decode(securityCredential)), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return null;
		}
	}

}
