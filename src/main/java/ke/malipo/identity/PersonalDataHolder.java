package ke.malipo.identity;

import java.util.Optional;

/**
 * A module that holds personal data about users, so a person's rights under Kenya's Data
 * Protection Act 2019 reach it: access (s. 26, a copy of their data) and erasure (s. 40).
 * Each module implements it over its own tables; identity asks them all, in one
 * transaction, so an erasure is whole or not at all.
 */
public interface PersonalDataHolder {

	/** The name of this module's part of an export, e.g. {@code "sessions"}. */
	String section();

	/** What this module holds about the user, as plain values that write as JSON. */
	Object export(UserId user);

	/**
	 * Why the account cannot be erased now (an upcoming session, a payment under way), in
	 * words for the person; empty when nothing here stands in the way.
	 */
	default Optional<String> erasureBlocker(UserId user) {
		return Optional.empty();
	}

	/**
	 * Removes or pseudonymises what this module holds about the user. Money records that
	 * tax law requires to be kept (five years) stay, without what names the person.
	 */
	void erase(UserId user);

}
