package ke.malipo.identity.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Production refuses to start without a signing key or with demo accounts. */
class ProductionSettingsTest {

	@TempDir
	Path directory;

	private IdentitySettings settings(String secret, boolean demo) {
		return new IdentitySettings(secret, this.directory.resolve("jwt-secret"), Duration.ofHours(1), demo,
				new IdentitySettings.BootstrapAdmin(null, null, "Admin"),
				new IdentitySettings.LoginThrottle(5, Duration.ofSeconds(30), 20, Duration.ofMinutes(15)),
				new IdentitySettings.RegistrationThrottle(10, Duration.ofHours(1)),
				new IdentitySettings.ResetThrottle(5, 3, Duration.ofHours(1)));
	}

	private static MockEnvironment production() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("prod");
		return environment;
	}

	@Test
	void productionNeedsASigningKey() {
		assertThatIllegalStateException().isThrownBy(() -> new JwtKeys(settings(null, false), production()))
			.withMessageContaining("jwt-secret");
	}

	@Test
	void shortSigningKeysAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> new JwtKeys(settings("too-short", false), production()))
			.withMessageContaining("32 bytes");
	}

	@Test
	void localRunGeneratesAKeyOnceAndKeepsIt() {
		JwtKeys first = new JwtKeys(settings(null, false), new MockEnvironment());
		JwtKeys second = new JwtKeys(settings(null, false), new MockEnvironment());
		assertThat(this.directory.resolve("jwt-secret")).exists();
		assertThat(second.signingKey().getEncoded()).isEqualTo(first.signingKey().getEncoded());
	}

	@Test
	void productionRefusesDemoAccounts() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new StartupAccounts(settings("x".repeat(40), true), null, null, production()))
			.withMessageContaining("demo-accounts");
	}

}
