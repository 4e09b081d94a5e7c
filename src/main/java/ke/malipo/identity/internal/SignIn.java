package ke.malipo.identity.internal;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.CurrentUser;

import org.springframework.http.HttpStatus;
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
	 * @throws MalipoException {@code BAD_CREDENTIALS} (401) or
	 * {@code TOO_MANY_LOGIN_ATTEMPTS} (429, with {@code retryAfterSeconds})
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
			throw new MalipoException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_LOGIN_ATTEMPTS",
					"Too many sign-in attempts",
					"Too many failed sign-in attempts. Try again in " + minutes(seconds) + ".")
				.with("retryAfterSeconds", seconds);
		}
		catch (AuthenticationException ex) {
			throw new MalipoException(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "Wrong email or password",
					"The email or password is not right.");
		}
		CurrentUser user = CurrentUserArgumentResolver.current(result);
		User account = this.users.findById(user.id()).orElseThrow();
		TokenIssuer.IssuedToken token = this.tokens.issue(account);
		return new SignedIn(token.value(), token.expiresAt(), account);
	}

	private static String minutes(long seconds) {
		long minutes = (seconds + 59) / 60;
		return (minutes == 1) ? "a minute" : minutes + " minutes";
	}

	/** A successful sign-in: the bearer token, when it expires, and who it is for. */
	public record SignedIn(String token, java.time.Instant expiresAt, User user) {
	}

}
