package ke.malipo.identity;

import java.util.List;
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

	/** Every psychologist, by name. */
	List<Psychologist> psychologists();

}
