package ke.malipo.identity.internal;

import java.util.Optional;

import ke.malipo.identity.CurrentUser;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/** The {@link CurrentUser} behind an authentication, whichever door it came through. */
public final class CurrentUsers {

	private CurrentUsers() {
	}

	public static Optional<CurrentUser> of(@Nullable Authentication authentication) {
		if (authentication != null) {
			if (authentication.getPrincipal() instanceof CurrentUser user) {
				return Optional.of(user);
			}
			if (authentication.getPrincipal() instanceof MalipoUserDetails details) {
				return Optional.of(details.currentUser());
			}
		}
		return Optional.empty();
	}

}
