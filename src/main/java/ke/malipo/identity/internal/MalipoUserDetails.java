package ke.malipo.identity.internal;

import java.util.Collection;
import java.util.List;

import ke.malipo.identity.CurrentUser;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A user as the sign-in machinery sees them; the page session keeps the
 * {@link CurrentUser}.
 */
class MalipoUserDetails implements UserDetails, CredentialsContainer {

	private final CurrentUser user;

	private @Nullable String passwordHash;

	MalipoUserDetails(User user) {
		this.user = user.asCurrentUser();
		this.passwordHash = user.passwordHash();
	}

	CurrentUser currentUser() {
		return this.user;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(this.user.role().authority()));
	}

	@Override
	public @Nullable String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.user.email();
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

}
