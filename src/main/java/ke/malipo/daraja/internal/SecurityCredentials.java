package ke.malipo.daraja.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.Supplier;

import javax.crypto.Cipher;

import ke.malipo.daraja.DarajaSettings;
import org.jspecify.annotations.Nullable;

/**
 * The {@code SecurityCredential} of initiator APIs: the operator's password encrypted
 * with the public key of Safaricom's certificate for the environment, RSA with PKCS#1
 * v1.5 padding (not OAEP), Base64-encoded. The certificate is configuration because
 * Safaricom rotates it; the simulator publishes its own key, fetched when no certificate
 * is configured.
 */
class SecurityCredentials {

	private final DarajaSettings.Initiator initiator;

	private final Supplier<@Nullable String> simulatorKey;

	private volatile @Nullable PublicKey key;

	SecurityCredentials(DarajaSettings settings, Supplier<@Nullable String> simulatorKey) {
		this.initiator = settings.initiator();
		this.simulatorKey = simulatorKey;
	}

	/**
	 * The credential for the configured operator; empty when no operator password is
	 * configured.
	 */
	String securityCredential() {
		if (this.initiator.password() == null) {
			return "";
		}
		PublicKey publicKey = publicKey();
		return (publicKey != null) ? encrypt(this.initiator.password(), publicKey) : "";
	}

	private @Nullable PublicKey publicKey() {
		PublicKey current = this.key;
		if (current == null) {
			String pem = (this.initiator.certificate() != null) ? read(Path.of(this.initiator.certificate()))
					: this.simulatorKey.get();
			current = (pem != null) ? parse(pem) : null;
			this.key = current;
		}
		return current;
	}

	static String encrypt(String password, PublicKey key) {
		try {
			Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
			cipher.init(Cipher.ENCRYPT_MODE, key);
			return Base64.getEncoder().encodeToString(cipher.doFinal(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt the initiator password with the M-Pesa key", ex);
		}
	}

	/**
	 * A public key from a PEM certificate (as Safaricom ships it) or a PEM public key.
	 */
	static PublicKey parse(String pem) {
		try {
			if (pem.contains("BEGIN CERTIFICATE")) {
				try (InputStream in = new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
					return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
						.getPublicKey();
				}
			}
			String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
			return KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Not a PEM certificate or public key", ex);
		}
	}

	private static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the M-Pesa certificate " + path, ex);
		}
	}

}
