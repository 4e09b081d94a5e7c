package ke.malipo.identity.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.ratelimit.Limit;
import ke.malipo.common.ratelimit.RateLimits;
import ke.malipo.common.secrets.Digests;
import ke.malipo.identity.PasswordResetMail;
import ke.malipo.identity.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgotten passwords. Asking always gets the same answer, whether or not the email has
 * an account (no one learns who uses Malipo); an account gets a link with 256 random bits
 * that works once, for 30 minutes, and only its SHA-256 is stored. Asking is limited per
 * address and per email, so the feature cannot be used to flood someone's inbox.
 */
@Service
public class PasswordResets {

	static final Duration LIFETIME = Duration.ofMinutes(30);

	private final JdbcClient jdbc;

	private final UserRepository users;

	private final PasswordEncoder passwords;

	private final PasswordRules rules;

	private final RateLimits limits;

	private final PasswordResetMail mail;

	private final IdentitySettings.ResetThrottle throttle;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final ErasedAccounts erased;

	PasswordResets(JdbcClient jdbc, UserRepository users, PasswordEncoder passwords, PasswordRules rules,
			RateLimits limits, PasswordResetMail mail, IdentitySettings settings, ErasedAccounts erased, Clock clock) {
		this.erased = erased;
		this.throttle = settings.resetThrottle();
		this.jdbc = jdbc;
		this.users = users;
		this.passwords = passwords;
		this.rules = rules;
		this.limits = limits;
		this.mail = mail;
		this.clock = clock;
	}

	/**
	 * Sends a link when the email has an account and the limits allow; says nothing
	 * either way.
	 */
	@Transactional
	public void request(String email, String address) {
		String normalised = email.strip();
		boolean allowed = this.limits.tryAcquire(List.of(
				new Limit("reset-address:" + LoginThrottle.bounded(address), this.throttle.perAddress(),
						this.throttle.window()),
				new Limit("reset-email:" + LoginThrottle.bounded(normalised.toLowerCase(java.util.Locale.ROOT)),
						this.throttle.perEmail(), this.throttle.window())))
			.isEmpty();
		if (!allowed) {
			return;
		}
		Optional<User> account = this.users.findByEmail(normalised).filter((user) -> !this.erased.contains(user.id()));
		if (account.isEmpty()) {
			return;
		}
		User user = account.get();
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = this.clock.instant();
		Instant expires = now.plus(LIFETIME);
		// One live link at a time: asking again ends the one before.
		this.jdbc.sql("update identity.password_resets set used_at = :now where user_id = :user and used_at is null")
			.param("now", Timestamp.from(now))
			.param("user", user.id().value())
			.update();
		this.jdbc.sql("""
				insert into identity.password_resets (token_sha256, user_id, created_at, expires_at)
				values (:hash, :user, :now, :expires)
				""")
			.param("hash", digest(token))
			.param("user", user.id().value())
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expires))
			.update();
		this.mail.send(user.id(), user.email(), "/reset-password?token=" + token, expires);
	}

	/**
	 * Sets a new password with a link's token; the link is then used up.
	 * @throws InvalidInputException when the token is unknown, used or expired, or the
	 * password breaks the rules
	 */
	@Transactional
	public UserId reset(String token, String newPassword) {
		Instant now = this.clock.instant();
		Optional<UUID> owner = this.jdbc.sql("""
				update identity.password_resets set used_at = :now
				 where token_sha256 = :hash and used_at is null and expires_at > :now
				returning user_id
				""")
			.param("hash", digest(token.strip()))
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.optional();
		if (owner.isEmpty()) {
			throw new InvalidInputException("token",
					"This link has expired or was already used. Ask for a new one from the sign-in page.");
		}
		UserId user = new UserId(owner.get());
		User account = this.users.findById(user).orElseThrow(AccountFailures.AccountGone::new);
		this.rules.problem(newPassword, List.of(account.name(), account.email())).ifPresent((problem) -> {
			throw new InvalidInputException(List.of(new FieldProblem("password", problem)));
		});
		this.users.changePassword(user, java.util.Objects.requireNonNull(this.passwords.encode(newPassword)));
		return user;
	}

	static String digest(String token) {
		return Digests.sha256Hex(token);
	}

}
