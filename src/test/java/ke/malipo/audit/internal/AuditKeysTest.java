package ke.malipo.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The audit trail's keys (issue 13): production refuses to start without a checkpoint key
 * of its own, a short key is refused, the local run generates one outside the database
 * once, and the anchor round-trips.
 */
class AuditKeysTest {

	@TempDir
	Path dir;

	@Test
	void productionNeedsACheckpointKeyAndShortKeysAreRefused() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AuditKeys(settings(null, this.dir.resolve("key")), production))
			.withMessageContaining("malipo.audit.checkpoint-key");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("too-short", this.dir.resolve("key")));
	}

	@Test
	void theLocalRunGeneratesItsKeyOnceAndKeepsTheAnchor() throws Exception {
		Path key = this.dir.resolve("data/audit-key");
		AuditKeys first = new AuditKeys(settings(null, key), new MockEnvironment());
		AuditKeys again = new AuditKeys(settings(null, key), new MockEnvironment());
		assertThat(Files.exists(key)).isTrue();
		assertThat(first.key()).hasSizeGreaterThanOrEqualTo(32).isEqualTo(again.key());
		assertThat(first.anchor()).isEmpty();
		first.anchor(new AuditKeys.Position(42, "a".repeat(64), "b".repeat(64)));
		assertThat(again.anchor()).contains(new AuditKeys.Position(42, "a".repeat(64), "b".repeat(64)));
	}

	private AuditSettings settings(String checkpointKey, Path keyFile) {
		return new AuditSettings(checkpointKey, keyFile, this.dir.resolve("anchor").toString(), Duration.ofSeconds(1),
				Duration.ofMinutes(1));
	}

}
