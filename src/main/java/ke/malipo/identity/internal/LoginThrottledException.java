package ke.malipo.identity.internal;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Sign-in refused because of too many recent failures; says when to try again. */
class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed sign-in attempts");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
