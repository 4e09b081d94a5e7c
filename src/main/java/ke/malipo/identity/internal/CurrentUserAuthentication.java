package ke.malipo.identity.internal;

import java.util.List;

import ke.malipo.identity.CurrentUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated API request: its principal is the {@link CurrentUser} from the token.
 */
class CurrentUserAuthentication extends AbstractAuthenticationToken {

	private final CurrentUser user;

	CurrentUserAuthentication(CurrentUser user) {
		super(List.of(new SimpleGrantedAuthority(user.role().authority())));
		this.user = user;
		setAuthenticated(true);
	}

	@Override
	public CurrentUser getPrincipal() {
		return this.user;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public String getName() {
		return this.user.id().toString();
	}

}
