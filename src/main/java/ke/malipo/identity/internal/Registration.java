package ke.malipo.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
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

	/** bcrypt reads only the first 72 bytes; a longer password would silently be cut. */
	private static final int MAX_PASSWORD_BYTES = 72;

	private final UserRepository users;

	private final PasswordEncoder passwords;

	private final Clock clock;

	Registration(UserRepository users, PasswordEncoder passwords, Clock clock) {
		this.users = users;
		this.passwords = passwords;
		this.clock = clock;
	}

	/**
	 * Registers a client or psychologist.
	 * @throws InvalidInputException when a rule spanning fields is broken
	 * @throws AccountFailures.EmailTaken when the email has an account
	 */
	@Transactional
	public User register(NewAccount account) {
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
		checkPassword(account.password(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
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

	private static void checkPassword(String password, List<FieldProblem> problems) {
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			problems.add(new FieldProblem("password", "is too long (at most 72 bytes)"));
		}
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
