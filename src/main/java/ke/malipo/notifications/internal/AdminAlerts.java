package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import ke.malipo.identity.Contact;
import ke.malipo.identity.UserDirectory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Tells every admin something operational: in the app, by email, and by SMS to those with
 * a phone number, each in their language, once per key (a redelivered event finds its
 * messages written). An SMS still unsent when it is no longer worth sending is dropped.
 */
@Component
class AdminAlerts {

	private final Notices notices;

	private final UserDirectory directory;

	private final Preferences preferences;

	private final Clock clock;

	AdminAlerts(Notices notices, UserDirectory directory, Preferences preferences, Clock clock) {
		this.notices = notices;
		this.directory = directory;
		this.preferences = preferences;
		this.clock = clock;
	}

	/** An alert's words in one language. */
	record Alert(String title, String subject, String body, String sms) {

		/** Words for the app alone: there is no email subject or SMS to write. */
		static Alert inApp(String title, String body) {
			return new Alert(title, title, body, title);
		}

	}

	/**
	 * Tells every admin in the app only: for what an admin should see when they next
	 * look, and what could come often enough that an email each would bury the others.
	 */
	void tellInApp(NoticeKind kind, String key, String link, Function<String, Alert> inLanguage) {
		tell(kind, key, link, false, null, inLanguage);
	}

	/**
	 * Tells every admin in the app and by email; by SMS too when {@code smsWorthSending}
	 * is given (how long the SMS is still worth sending).
	 */
	void tell(NoticeKind kind, String key, String link, @Nullable Duration smsWorthSending,
			Function<String, Alert> inLanguage) {
		tell(kind, key, link, true, smsWorthSending, inLanguage);
	}

	private void tell(NoticeKind kind, String key, String link, boolean byEmail, @Nullable Duration smsWorthSending,
			Function<String, Alert> inLanguage) {
		Instant now = this.clock.instant();
		for (Contact admin : this.directory.admins()) {
			Alert alert = inLanguage.apply(this.preferences.of(admin.id()).language());
			this.notices.deliverInApp(new Notice(key, admin.id(), kind, alert.title(), alert.body(), link));
			if (byEmail) {
				this.notices.queueEmail(new Notice(key, admin.id(), kind, alert.subject(), alert.body(), link),
						admin.email(), null);
			}
			if (byEmail && admin.phone() != null && smsWorthSending != null) {
				this.notices.queueSms(new Notice(key, admin.id(), kind, alert.title(), alert.sms(), link),
						admin.phone().value(), null, now, now.plus(smsWorthSending));
			}
		}
	}

}
