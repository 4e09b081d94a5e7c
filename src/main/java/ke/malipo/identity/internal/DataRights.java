package ke.malipo.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ke.malipo.identity.AccountEvent;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.PersonalDataHolder;
import ke.malipo.identity.Role;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's rights over their data (Data Protection Act 2019): a copy of everything
 * Malipo holds about them, and erasure of their account. Each module answers for its own
 * tables through {@link PersonalDataHolder}; both actions are published for the audit
 * trail.
 */
@Service
public class DataRights {

	private final UserRepository users;

	private final List<PersonalDataHolder> holders;

	private final PasswordEncoder passwords;

	private final ApplicationEventPublisher events;

	private final ErasedAccounts erased;

	private final Clock clock;

	DataRights(UserRepository users, List<PersonalDataHolder> holders, PasswordEncoder passwords,
			ApplicationEventPublisher events, ErasedAccounts erased, Clock clock) {
		this.erased = erased;
		this.users = users;
		this.holders = holders;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
	}

	/** Everything held about the user, section by section, with when it was exported. */
	@Transactional
	public Map<String, Object> export(CurrentUser user) {
		User account = this.users.findById(user.id()).orElseThrow(AccountFailures.AccountGone::new);
		Instant now = this.clock.instant();
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("exportedAt", now.toString());
		export.put("account",
				Map.of("id", account.id().value(), "name", account.name(), "email", account.email(), "phoneNumber",
						(account.phoneNumber() != null) ? account.phoneNumber().value() : "", "role",
						account.role().name(), "createdAt", account.createdAt().toString()));
		for (PersonalDataHolder holder : this.holders) {
			export.put(holder.section(), holder.export(user.id()));
		}
		this.events.publishEvent(new AccountEvent.PersonalDataExported(user.id(), account.role(), now));
		return export;
	}

	/**
	 * Erases the account after the person confirms with their password. Refused while a
	 * module still needs it (an upcoming session, a payment under way); admins are erased
	 * by another admin, not by themselves, so the last one cannot lock everyone out.
	 */
	@Transactional
	public Instant erase(CurrentUser user, String password) {
		User account = this.users.findById(user.id()).orElseThrow(AccountFailures.AccountGone::new);
		if (!this.passwords.matches(password, account.passwordHash())) {
			throw new AccountFailures.BadCredentials();
		}
		if (account.role() == Role.ADMIN) {
			throw new AccountFailures.ErasureRefused("Admin accounts are closed by another admin.");
		}
		for (PersonalDataHolder holder : this.holders) {
			Optional<String> blocker = holder.erasureBlocker(user.id());
			if (blocker.isPresent()) {
				throw new AccountFailures.ErasureRefused(blocker.get());
			}
		}
		Instant now = this.clock.instant();
		for (PersonalDataHolder holder : this.holders) {
			holder.erase(user.id());
		}
		// A password no one knows, so the old one no longer signs in.
		String unusable = java.util.Objects
			.requireNonNull(this.passwords.encode(java.util.UUID.randomUUID().toString()));
		this.users.erase(user.id(), unusable, now);
		this.erased.erasedInThisTransaction(user.id());
		this.events.publishEvent(new AccountEvent.AccountErased(user.id(), account.role(), now));
		return now;
	}

}
