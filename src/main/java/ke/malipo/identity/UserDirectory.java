package ke.malipo.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to accounts for other modules. */
public interface UserDirectory {

	/**
	 * The psychologist with this id; empty when there is no such user or they are not a
	 * psychologist.
	 */
	Optional<Psychologist> psychologist(UserId id);

	/** The display name of any user, for pages and receipts. */
	Optional<String> displayName(UserId id);

	/** Display names of many users at once (missing ids are left out). */
	Map<UserId, String> displayNames(Collection<UserId> ids);

	/**
	 * Users whose name or email contains the text, ignoring case: at most {@code limit},
	 * for searches that name a person.
	 */
	List<UserId> matching(String text, int limit);

	/** The account with this email (any case); empty when there is none. */
	Optional<UserId> byEmail(String email);

	/** How to reach a user; empty when there is no such user. */
	Optional<Contact> contact(UserId id);

	/**
	 * How to reach many users at once, for work done in batches (missing ids are left
	 * out).
	 */
	Map<UserId, Contact> contacts(Collection<UserId> ids);

	/** Every psychologist, by name. */
	List<Psychologist> psychologists();

	/** Every administrator's contact, for operational alerts. */
	List<Contact> admins();

}
