package ke.malipo.common.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the local run makes for itself the first time and keeps in a file (owner-only
 * where the file system allows), so restarts keep it. Production configures its secrets
 * instead; the modules refuse to generate them there.
 */
public final class LocalSecrets {

	private static final Logger log = LoggerFactory.getLogger(LocalSecrets.class);

	private LocalSecrets() {
	}

	/**
	 * The secret in the file, or 48 new random bytes written to it.
	 * @param what the secret in words, for the log and errors ("token signing key")
	 */
	public static byte[] loadOrGenerate(Path file, String what) {
		try {
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).strip());
			}
			byte[] secret = new byte[48];
			new SecureRandom().nextBytes(secret);
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, Base64.getEncoder().encodeToString(secret));
			restrictToOwner(file);
			log.info("Generated a {} in {}", what, file);
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the " + what + " in " + file, ex);
		}
	}

	/**
	 * Owner-only on POSIX file systems; elsewhere (Windows) the file inherits its
	 * folder's permissions.
	 */
	private static void restrictToOwner(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
	}

}
