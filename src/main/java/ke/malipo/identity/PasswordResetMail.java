package ke.malipo.identity;

import java.time.Instant;

/**
 * Sends a password-reset link to a person's email. Identity decides who gets one and
 * keeps only the token's digest; the module that sends emails implements this, in the
 * same transaction, so a link is queued exactly when its token is stored.
 */
public interface PasswordResetMail {

	/**
	 * @param link the path and query to open, relative to the site (it carries the token)
	 * @param expiresAt when the link stops working
	 */
	void send(UserId user, String email, String link, Instant expiresAt);

}
