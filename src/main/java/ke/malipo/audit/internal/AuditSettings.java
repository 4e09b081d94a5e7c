package ke.malipo.audit.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the audit trail is kept.
 *
 * @param checkpointKey the key checkpoints are signed with (at least 32 characters); it
 * must not live in the database. Required in production; locally generated once and kept
 * in {@code checkpointKeyFile}
 * @param checkpointKeyFile where the local run keeps its generated key
 * @param anchorFile where the newest position of the chain is also written, outside the
 * database, so that cutting the chain's tail is detected (empty: none)
 * @param sequenceEvery how often the sequencer chains new entries
 * @param checkpointEvery how often a signed checkpoint is written
 */
@ConfigurationProperties("malipo.audit")
public record AuditSettings(@Nullable String checkpointKey, @DefaultValue("./data/audit-key") Path checkpointKeyFile,
		@DefaultValue("./data/audit-anchor") String anchorFile, @DefaultValue("1s") Duration sequenceEvery,
		@DefaultValue("1m") Duration checkpointEvery) {

	public AuditSettings {
		if (checkpointKey != null && !checkpointKey.isBlank() && checkpointKey.length() < 32) {
			throw new IllegalArgumentException("malipo.audit.checkpoint-key must be at least 32 characters");
		}
		if (sequenceEvery.isNegative() || sequenceEvery.isZero()) {
			throw new IllegalArgumentException("malipo.audit.sequence-every must be positive");
		}
		if (checkpointEvery.isNegative()) {
			throw new IllegalArgumentException("malipo.audit.checkpoint-every must not be negative");
		}
	}

}
