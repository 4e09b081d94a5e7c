package ke.malipo.identity.internal;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the identity module.
 *
 * @param jwtSecret the key that signs API tokens (at least 32 bytes); required in
 * production; locally generated once and kept in {@code jwtSecretFile}
 * @param jwtSecretFile where the local run keeps its generated signing key
 * @param tokenLifetime how long an API token stays valid
 * @param demoAccounts seed a demo client, psychologist and admin (local run only;
 * production refuses to start with it)
 * @param bootstrapAdmin an administrator to create at start-up if missing
 * @param loginThrottle limits on failed sign-ins
 * @param registrationThrottle limits on new accounts
 * @param resetThrottle limits on password-reset emails
 */
@ConfigurationProperties("malipo.identity")
@Validated
public record IdentitySettings(@Nullable String jwtSecret, @DefaultValue("./data/jwt-secret") Path jwtSecretFile,
		@DefaultValue("1h") Duration tokenLifetime, @DefaultValue("false") boolean demoAccounts,
		@Valid @DefaultValue BootstrapAdmin bootstrapAdmin, @Valid @DefaultValue LoginThrottle loginThrottle,
		@Valid @DefaultValue RegistrationThrottle registrationThrottle,
		@Valid @DefaultValue ResetThrottle resetThrottle) {

	/**
	 * An administrator created at start-up when no account has this email. Admins cannot
	 * register themselves; this (or the command-line switch of the same name) is how the
	 * first one comes to be.
	 */
	public record BootstrapAdmin(@Nullable String email, @Nullable String password,
			@DefaultValue("Administrator") String name) {
	}

	/**
	 * How failed sign-ins slow guessing without letting a stranger lock anyone out.
	 *
	 * @param freeFailures failures of one account from one address within the window
	 * before each further try must wait
	 * @param firstDelay the first wait; it doubles with every further failure, up to the
	 * window
	 * @param maxFailuresPerAddress failures from one address (any accounts) within the
	 * window before that address is refused until the window has passed
	 * @param window how far back failures count
	 */
	public record LoginThrottle(@DefaultValue("5") @Min(1) int freeFailures, @DefaultValue("30s") Duration firstDelay,
			@DefaultValue("20") @Min(1) int maxFailuresPerAddress, @DefaultValue("15m") Duration window) {
	}

	/**
	 * How many accounts one address may make: enough for a family or a clinic's front
	 * desk, too few for a script filling the psychologists' queues.
	 *
	 * @param perAddress accounts from one address within the window
	 * @param window how far back they count (at most a day)
	 */
	public record RegistrationThrottle(@DefaultValue("10") @Min(1) int perAddress,
			@DefaultValue("1h") Duration window) {
	}

	/**
	 * How many password-reset emails may be asked for: per address (against scripts) and
	 * per email (so nobody's inbox can be flooded), within the window.
	 */
	public record ResetThrottle(@DefaultValue("5") @Min(1) int perAddress, @DefaultValue("3") @Min(1) int perEmail,
			@DefaultValue("1h") Duration window) {
	}

}
