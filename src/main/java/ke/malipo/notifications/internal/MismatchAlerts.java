package ke.malipo.notifications.internal;

import java.time.Duration;

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

	private final AdminAlerts admins;

	private final Texts texts;

	MismatchAlerts(AdminAlerts admins, Texts texts) {
		this.admins = admins;
		this.texts = texts;
	}

	@ApplicationModuleListener
	void on(MismatchFound found) {
		this.admins.tell(NoticeKind.RECONCILIATION_ALERT, "mismatch:" + found.findingId(),
				"/admin/transactions/" + found.paymentId(), SMS_WORTH_SENDING, (lang) -> {
					String title = this.texts.text(lang, "mismatch-alert.title", found.receipt());
					return new AdminAlerts.Alert(title, title,
							this.texts.text(lang, "mismatch-alert.body", found.detail()),
							this.texts.text(lang, "sms.mismatch-alert", found.receipt()));
				});
	}

}
