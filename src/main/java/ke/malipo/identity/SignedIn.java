package ke.malipo.identity;

import java.util.Optional;

/**
 * Who is signed in on the current request, for code that is not a controller (a
 * controller declares {@link CurrentUser} as a parameter).
 */
public interface SignedIn {

	/** The signed-in person, or empty on a public page. */
	Optional<CurrentUser> now();

}
