package ke.malipo.identity.internal;

import ke.malipo.identity.CurrentUser;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;

/** API sign-in: checks the password through the throttled provider and issues a token. */
@Service
public class SignIn {

	private final AuthenticationManager authentication;

	private final UserRepository users;

	private final TokenIssuer tokens;

	SignIn(AuthenticationManager authentication, UserRepository users, TokenIssuer tokens) {
		this.authentication = authentication;
		this.users = users;
		this.tokens = tokens;
	}

	/**
	 * Signs in with email and password from the given client address.
	 * @throws AccountFailures.BadCredentials when the email or password is wrong
	 * @throws AccountFailures.TooManySignInAttempts when sign-in is throttled
	 */
	public SignedIn signIn(String email, String password, String remoteAddress) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(email,
				password);
		attempt.setDetails(new WebAuthenticationDetails(remoteAddress, null));
		Authentication result;
		try {
			result = this.authentication.authenticate(attempt);
		}
		catch (LoginThrottledException ex) {
			long seconds = Math.max(1, ex.retryAfter().toSeconds());
			throw new AccountFailures.TooManySignInAttempts(seconds, minutes(seconds));
		}
		catch (AuthenticationException ex) {
			throw new AccountFailures.BadCredentials();
		}
		CurrentUser user = CurrentUserArgumentResolver.current(result);
		User account = this.users.findById(user.id()).orElseThrow();
		TokenIssuer.IssuedToken token = this.tokens.issue(account);
		return new SignedIn(token.value(), token.expiresAt(), account);
	}

	static String minutes(long seconds) {
		long minutes = (seconds + 59) / 60;
		return (minutes == 1) ? "a minute" : minutes + " minutes";
	}

	/** A successful sign-in: the bearer token, when it expires, and who it is for. */
	public record SignedIn(String token, java.time.Instant expiresAt, User user) {
	}

}
