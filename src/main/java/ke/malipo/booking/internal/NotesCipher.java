package ke.malipo.booking.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.UUID;

import javax.crypto.AEADBadTagException;

import ke.malipo.common.safety.LiveDeployment;
import ke.malipo.common.safety.LocalSecrets;
import ke.malipo.common.secrets.AesGcm;
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

	private final byte[] key;

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
		this.key = derive(material);
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
		byte[] sealed = AesGcm.seal(this.key, notes.getBytes(StandardCharsets.UTF_8), associated(session));
		return ByteBuffer.allocate(1 + sealed.length).put(VERSION).put(sealed).array();
	}

	@Nullable String open(UUID session, byte @Nullable [] stored) {
		if (stored == null) {
			return null;
		}
		if (stored.length < 1 + AesGcm.OVERHEAD || stored[0] != VERSION) {
			throw new IllegalStateException("The notes of session " + session + " are not in a known sealed form");
		}
		try {
			return new String(AesGcm.open(this.key, Arrays.copyOfRange(stored, 1, stored.length), associated(session)),
					StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException(
					"The notes of session " + session
							+ " do not open: the notes key is not the one they were sealed with, or they were altered",
					ex);
		}
	}

	/** The session's id: a sealed note copied onto another row does not open there. */
	private static byte[] associated(UUID session) {
		return ByteBuffer.allocate(16)
			.putLong(session.getMostSignificantBits())
			.putLong(session.getLeastSignificantBits())
			.array();
	}

}
