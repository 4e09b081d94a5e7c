package ke.malipo.notifications.internal;

import java.time.Duration;

import ke.malipo.common.money.Kes;
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

	private final AdminAlerts admins;

	private final Texts texts;

	ReconciliationAlerts(AdminAlerts admins, Texts texts) {
		this.admins = admins;
		this.texts = texts;
	}

	@ApplicationModuleListener
	void on(RunFinished run) {
		if (run.openProblems() == 0 || !"schedule".equals(run.startedBy())) {
			return;
		}
		String range = run.from().equals(run.to()) ? run.from().toString() : run.from() + " to " + run.to();
		this.admins.tell(NoticeKind.RECONCILIATION_ALERT, "reconciliation:" + range + ":" + run.openProblems(),
				"/admin/reconciliation/runs/" + run.runId(), SMS_WORTH_SENDING,
				(lang) -> new AdminAlerts.Alert(this.texts.text(lang, "reconciliation-alert.title"),
						this.texts.text(lang, "reconciliation-alert.subject", range, run.openProblems()),
						this.texts.text(lang, "reconciliation-alert.body", range, run.openProblems(), run.discrepancy(),
								run.unmatched(), Kes.of(run.mpesaPaidIn()).display()),
						this.texts.text(lang, "sms.reconciliation-alert", range, run.openProblems())));
	}

}
