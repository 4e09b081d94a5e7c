package ke.malipo.notifications.internal;

import java.time.Instant;
import java.util.UUID;

import ke.malipo.common.time.Eat;
import ke.malipo.identity.PasswordResetMail;
import ke.malipo.identity.UserId;

import org.springframework.stereotype.Component;

/**
 * Queues the password-reset email in the outbox, in identity's transaction, so it is sent
 * exactly when the token exists. In the person's language, by email only (a link in an
 * SMS is a phishing pattern people are rightly taught to distrust).
 */
@Component
class PasswordResetEmails implements PasswordResetMail {

	private final Notices notices;

	private final Preferences preferences;

	PasswordResetEmails(Notices notices, Preferences preferences) {
		this.notices = notices;
		this.preferences = preferences;
	}

	@Override
	public void send(UserId user, String email, String link, Instant expiresAt) {
		boolean swahili = "sw".equals(this.preferences.of(user).language());
		String until = Eat.display(expiresAt);
		String subject = swahili ? "Badilisha nenosiri lako la Malipo" : "Choose a new Malipo password";
		String body = swahili
				? "Mtu (huenda ni wewe) aliomba kubadilisha nenosiri la akaunti yako ya Malipo. Fungua kiungo hiki hadi "
						+ until
						+ " kuchagua nenosiri jipya. Kama hukuomba, puuza barua hii: nenosiri lako halijabadilika."
				: "Someone (probably you) asked to reset the password of your Malipo account. Open the link below before "
						+ until + " to choose a new password. If it was not you, ignore this email: your password "
						+ "has not changed.";
		// A key of its own per request: each is a new email, never a duplicate of
		// another.
		this.notices.queueEmail(
				new Notice("password-reset:" + UUID.randomUUID(), user, NoticeKind.PASSWORD_RESET, subject, body, link),
				email, null);
	}

}
