package ke.malipo.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import ke.malipo.common.safety.LocalSecrets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the audit trail keeps outside the database: the checkpoint key (configured in
 * production, generated once locally) and the anchor, the newest signed position of the
 * chain, rewritten after each sequencing so a cut tail is noticed.
 */
@Component
class AuditKeys {

	private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

	private final byte[] key;

	private final @Nullable Path anchor;

	AuditKeys(AuditSettings settings, Environment environment) {
		if (settings.checkpointKey() != null && !settings.checkpointKey().isBlank()) {
			this.key = settings.checkpointKey().getBytes(StandardCharsets.UTF_8);
		}
		else if (environment.matchesProfiles("prod")) {
			throw new IllegalStateException(
					"malipo.audit.checkpoint-key must be set in production (at least 32 random characters, "
							+ "kept outside the database).");
		}
		else {
			this.key = LocalSecrets.loadOrGenerate(settings.checkpointKeyFile(), "audit checkpoint key");
		}
		this.anchor = settings.anchorFile().isBlank() ? null : Path.of(settings.anchorFile());
	}

	byte[] key() {
		return this.key.clone();
	}

	/** A signed position of the chain. */
	record Position(long seq, String hash, String mac) {
	}

	/** The anchor, if one is kept and has been written. */
	Optional<Position> anchor() {
		if (this.anchor == null || !Files.exists(this.anchor)) {
			return Optional.empty();
		}
		try {
			String[] parts = Files.readString(this.anchor).strip().split(" ");
			return (parts.length == 3) ? Optional.of(new Position(Long.parseLong(parts[0]), parts[1], parts[2]))
					: Optional.empty();
		}
		catch (IOException | NumberFormatException ex) {
			throw new IllegalStateException("The audit anchor " + this.anchor + " cannot be read", ex);
		}
	}

	/** Replaces the anchor atomically (a crash leaves the old one or the new one). */
	void anchor(Position position) {
		if (this.anchor == null) {
			return;
		}
		try {
			Path parent = this.anchor.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Path next = this.anchor.resolveSibling(this.anchor.getFileName() + ".next");
			Files.writeString(next, position.seq() + " " + position.hash() + " " + position.mac() + "\n");
			Files.move(next, this.anchor, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			log.warn("The audit anchor {} could not be written: {}", this.anchor, ex.toString());
		}
	}

}
