package ke.malipo.identity.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.ratelimit.Limit;
import ke.malipo.common.ratelimit.RateLimits;
import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts: clients and psychologists by themselves, admins only from settings.
 */
@Service
public class Registration {

	private final UserRepository users;

	private final PasswordEncoder passwords;

	private final PasswordRules rules;

	private final RateLimits limits;

	private final IdentitySettings.RegistrationThrottle throttle;

	private final Clock clock;

	Registration(UserRepository users, PasswordEncoder passwords, PasswordRules rules, RateLimits limits,
			IdentitySettings settings, Clock clock) {
		this.users = users;
		this.passwords = passwords;
		this.rules = rules;
		this.limits = limits;
		this.throttle = settings.registrationThrottle();
		this.clock = clock;
	}

	/**
	 * Registers a client or psychologist.
	 * @throws InvalidInputException when a rule spanning fields is broken
	 * @throws AccountFailures.EmailTaken when the email has an account
	 * @throws AccountFailures.TooManyRegistrations when this address made too many
	 * accounts lately
	 * @param address where the request came from, for the registration throttle
	 */
	@Transactional
	public User register(NewAccount account, String address) {
		if (account.role() == Role.ADMIN) {
			throw new InvalidInputException("role", "must be CLIENT or PSYCHOLOGIST");
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (account.role() == Role.PSYCHOLOGIST && account.sessionRate() == null) {
			problems.add(new FieldProblem("sessionRate", "is required for psychologists (whole KES)"));
		}
		if (account.role() == Role.CLIENT && account.sessionRate() != null) {
			problems.add(new FieldProblem("sessionRate", "only psychologists have a session rate"));
		}
		this.rules.problem(account.password(), List.of(account.name(), account.email()))
			.ifPresent((problem) -> problems.add(new FieldProblem("password", problem)));
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		// A taken email costs no bcrypt work, so probing emails cannot load the CPU.
		if (this.users.findByEmail(account.email().strip()).isPresent()) {
			throw new AccountFailures.EmailTaken();
		}
		// Counted with the insert: a registration that fails is not counted.
		this.limits
			.tryAcquire(List.of(new Limit("register-address:" + LoginThrottle.bounded(address),
					this.throttle.perAddress(), this.throttle.window())))
			.ifPresent((wait) -> {
				throw new AccountFailures.TooManyRegistrations(Math.max(1, wait.toSeconds()));
			});
		return create(account);
	}

	/** Creates an account of any role, admins included; for start-up seeding only. */
	@Transactional
	public User create(NewAccount account) {
		User user = new User(UserId.random(), account.name().strip(), account.email().strip(),
				encoded(account.password()), account.phoneNumber(), account.role(), account.sessionRate(),
				this.clock.instant());
		try {
			this.users.insert(user);
		}
		catch (DuplicateKeyException ex) {
			throw new AccountFailures.EmailTaken();
		}
		return user;
	}

	/** What a new account is made of; the phone is already a valid Kenyan number. */
	public record NewAccount(String name, String email, String password, @Nullable Msisdn phoneNumber, Role role,
			@Nullable Kes sessionRate) {
	}

	/**
	 * Spring's encoders return null only for a null password, which cannot reach here.
	 */
	private String encoded(String password) {
		return java.util.Objects.requireNonNull(this.passwords.encode(password));
	}

}
