package ke.malipo.booking.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import ke.malipo.common.safety.LiveDeployment;
import ke.malipo.common.safety.LocalSecrets;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Session notes are health information (Data Protection Act 2019, s. 2 "sensitive
 * personal data"): they are stored only sealed with AES-256-GCM under a key that is not
 * in the database, bound to their session's id (a sealed note copied onto another row
 * does not open). Stored as a version byte, a 12-byte nonce and the ciphertext with its
 * tag.
 */
@Component
class NotesCipher {

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	NotesCipher(BookingSettings settings, Environment environment) {
		byte[] material;
		if (settings.notesKey() != null && !settings.notesKey().isBlank()) {
			material = settings.notesKey().getBytes(StandardCharsets.UTF_8);
		}
		else {
			LiveDeployment.reason(environment).ifPresent((why) -> {
				throw new IllegalStateException("malipo.booking.notes-key must be set when " + why
						+ " (at least 32 random characters, kept outside the database; it may be given sealed as enc:).");
			});
			material = LocalSecrets.loadOrGenerate(settings.notesKeyFile(), "session notes key");
		}
		if (material.length < 32) {
			throw new IllegalStateException("malipo.booking.notes-key must be at least 32 characters");
		}
		this.key = new SecretKeySpec(derive(material), "AES");
	}

	/** The key configured or kept locally, stretched to 256 bits for this one use. */
	private static byte[] derive(byte[] material) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update("malipo session notes v1".getBytes(StandardCharsets.UTF_8));
			return sha.digest(material);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	byte @Nullable [] seal(UUID session, @Nullable String notes) {
		if (notes == null) {
			return null;
		}
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, session).doFinal(notes.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not seal session notes", ex);
		}
	}

	@Nullable String open(UUID session, byte @Nullable [] stored) {
		if (stored == null) {
			return null;
		}
		if (stored.length < 1 + NONCE_BYTES + 16 || stored[0] != VERSION) {
			throw new IllegalStateException("The notes of session " + session + " are not in a known sealed form");
		}
		try {
			byte[] nonce = Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES);
			byte[] plain = cipher(Cipher.DECRYPT_MODE, nonce, session).doFinal(stored, 1 + NONCE_BYTES,
					stored.length - 1 - NONCE_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"The notes of session " + session
							+ " do not open: the notes key is not the one they were sealed with, or they were altered",
					ex);
		}
	}

	private Cipher cipher(int mode, byte[] nonce, UUID session) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(128, nonce));
		cipher.updateAAD(ByteBuffer.allocate(16)
			.putLong(session.getMostSignificantBits())
			.putLong(session.getLeastSignificantBits())
			.array());
		return cipher;
	}

}
