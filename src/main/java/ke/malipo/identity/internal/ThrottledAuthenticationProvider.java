package ke.malipo.identity.internal;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in for both doors (API login and the page form, which share this one
 * provider), with the {@link LoginThrottle} in front so neither can be used to guess
 * passwords.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final LoginThrottle throttle;

	private final UserRepository users;

	ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle, UserRepository users) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.users = users;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String email = String.valueOf(authentication.getName());
		// Counted against the account the password would be checked for, however the
		// email was spelt.
		String account = LoginThrottle.accountKey(this.users.findByEmail(email).map(User::id), email);
		String address = addressOf(authentication);
		Optional<Duration> blocked = this.throttle.blockedFor(account, address);
		if (blocked.isPresent()) {
			throw new LoginThrottledException(blocked.get());
		}
		try {
			Authentication result = this.passwords.authenticate(authentication);
			this.throttle.recordSuccess(account, address);
			return result;
		}
		catch (BadCredentialsException ex) {
			this.throttle.recordFailure(account, address);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static String addressOf(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return "unknown";
	}

}
