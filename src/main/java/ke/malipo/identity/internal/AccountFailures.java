package ke.malipo.identity.internal;

import ke.malipo.common.problem.MalipoException;

/**
 * What can go wrong with an account, each named after what happened. How they read over
 * HTTP is declared in {@code identity.web}.
 */
public final class AccountFailures {

	private AccountFailures() {
	}

	/** Another account already has this email. */
	public static final class EmailTaken extends MalipoException {

		EmailTaken() {
			super("EMAIL_TAKEN", "Email already registered",
					"An account with this email already exists. Sign in instead.");
		}

	}

	/** The email or the password is wrong (which, is not said). */
	public static final class BadCredentials extends MalipoException {

		BadCredentials() {
			super("BAD_CREDENTIALS", "Wrong email or password", "The email or password is not right.");
		}

	}

	/** Too many failed sign-ins for this account from this address, or from it at all. */
	public static final class TooManySignInAttempts extends MalipoException {

		TooManySignInAttempts(long seconds, String wait) {
			super("TOO_MANY_LOGIN_ATTEMPTS", "Too many sign-in attempts",
					"Too many failed sign-in attempts. Try again in " + wait + ".");
			with("retryAfterSeconds", seconds);
		}

	}

	/** Too many accounts made from one address lately. */
	public static final class TooManyRegistrations extends MalipoException {

		TooManyRegistrations(long seconds) {
			super("TOO_MANY_REGISTRATIONS", "Too many new accounts",
					"Too many accounts were made from this network lately. Try again in " + SignIn.minutes(seconds)
							+ ".");
			with("retryAfterSeconds", seconds);
		}

	}

	/** The signed-in account no longer exists. */
	public static final class AccountGone extends MalipoException {

		AccountGone() {
			super("USER_NOT_FOUND", "Account not found", "This account no longer exists.");
		}

	}

	/** The account cannot be erased yet, and why. */
	public static final class ErasureRefused extends MalipoException {

		ErasureRefused(String why) {
			super("ERASURE_REFUSED", "Account not erased", why);
		}

	}

}
