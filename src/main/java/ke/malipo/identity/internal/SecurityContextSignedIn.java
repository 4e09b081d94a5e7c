package ke.malipo.identity.internal;

import java.util.Optional;

import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.SignedIn;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in person from Spring Security's context of the request. */
@Component
class SecurityContextSignedIn implements SignedIn {

	@Override
	public Optional<CurrentUser> now() {
		return CurrentUsers.of(SecurityContextHolder.getContext().getAuthentication());
	}

}
