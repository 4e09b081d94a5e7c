package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import ke.malipo.identity.Contact;
import ke.malipo.identity.UserDirectory;
import ke.malipo.reconciliation.MismatchFound;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells every admin at once, in the app, by email and by SMS, when a settled payment
 * disagrees with M-Pesa's record of its receipt: money that may be wrong should not wait
 * for the night's close. Once per finding.
 */
@Component
class MismatchAlerts {

	private static final Duration SMS_WORTH_SENDING = Duration.ofHours(6);

	private final Notices notices;

	private final UserDirectory directory;

	private final Texts texts;

	private final Preferences preferences;

	private final Clock clock;

	MismatchAlerts(Notices notices, UserDirectory directory, Texts texts, Preferences preferences, Clock clock) {
		this.notices = notices;
		this.directory = directory;
		this.texts = texts;
		this.preferences = preferences;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MismatchFound found) {
		String key = "mismatch:" + found.findingId();
		String link = "/admin/transactions/" + found.paymentId();
		Instant now = this.clock.instant();
		for (Contact admin : this.directory.admins()) {
			String lang = this.preferences.of(admin.id()).language();
			String title = this.texts.text(lang, "mismatch-alert.title", found.receipt());
			String body = this.texts.text(lang, "mismatch-alert.body", found.detail());
			Notice notice = new Notice(key, admin.id(), NoticeKind.RECONCILIATION_ALERT, title, body, link);
			this.notices.deliverInApp(notice);
			this.notices.queueEmail(notice, admin.email(), null);
			if (admin.phone() != null) {
				this.notices.queueSms(
						new Notice(key, admin.id(), NoticeKind.RECONCILIATION_ALERT, title,
								this.texts.text(lang, "sms.mismatch-alert", found.receipt()), link),
						admin.phone().value(), null, now, now.plus(SMS_WORTH_SENDING));
			}
		}
	}

}
