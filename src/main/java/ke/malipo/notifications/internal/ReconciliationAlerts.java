package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import ke.malipo.common.money.Kes;
import ke.malipo.identity.Contact;
import ke.malipo.identity.UserDirectory;
import ke.malipo.reconciliation.RunFinished;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells every admin, in the app, by email and by SMS, when the daily close leaves
 * differences nobody has explained. Only the schedule's runs alert: an admin who runs a
 * range by hand sees its result on the screen, and telling every other admin of each such
 * run would teach them to ignore alerts. Once per day and count: a close run again every
 * hour with the same open differences says nothing new, and is not repeated; a different
 * count is news, and is told.
 */
@Component
class ReconciliationAlerts {

	/**
	 * An alert SMS that could not go out within a day is stale: the page has moved on.
	 */
	private static final Duration SMS_WORTH_SENDING = Duration.ofDays(1);

	private final Notices notices;

	private final UserDirectory directory;

	private final Texts texts;

	private final Preferences preferences;

	private final Clock clock;

	ReconciliationAlerts(Notices notices, UserDirectory directory, Texts texts, Preferences preferences, Clock clock) {
		this.notices = notices;
		this.directory = directory;
		this.texts = texts;
		this.preferences = preferences;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(RunFinished run) {
		if (run.openProblems() == 0 || !"schedule".equals(run.startedBy())) {
			return;
		}
		String range = run.from().equals(run.to()) ? run.from().toString() : run.from() + " to " + run.to();
		String key = "reconciliation:" + range + ":" + run.openProblems();
		String link = "/admin/reconciliation/runs/" + run.runId();
		Instant now = this.clock.instant();
		for (Contact admin : this.directory.admins()) {
			String lang = this.preferences.of(admin.id()).language();
			String body = this.texts.text(lang, "reconciliation-alert.body", range, run.openProblems(),
					run.discrepancy(), run.unmatched(), Kes.of(run.mpesaPaidIn()).display());
			this.notices.deliverInApp(new Notice(key, admin.id(), NoticeKind.RECONCILIATION_ALERT,
					this.texts.text(lang, "reconciliation-alert.title"), body, link));
			this.notices.queueEmail(new Notice(key, admin.id(), NoticeKind.RECONCILIATION_ALERT,
					this.texts.text(lang, "reconciliation-alert.subject", range, run.openProblems()), body, link),
					admin.email(), null);
			if (admin.phone() != null) {
				this.notices.queueSms(
						new Notice(key, admin.id(), NoticeKind.RECONCILIATION_ALERT,
								this.texts.text(lang, "reconciliation-alert.title"),
								this.texts.text(lang, "sms.reconciliation-alert", range, run.openProblems()), link),
						admin.phone().value(), null, now, now.plus(SMS_WORTH_SENDING));
			}
		}
	}

}
