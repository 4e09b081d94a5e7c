package ke.malipo.notifications.internal;

import java.time.Duration;
import java.util.Set;

import ke.malipo.operations.OperationsAlert;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells every admin, in the app and by email, of a figure operations watch found past its
 * threshold; by SMS too when payments are failing or M-Pesa cannot be called, the two
 * that cost money by the minute. Once per alert and hour: every node may notice it, and a
 * problem that lasts is told again each hour it lasts, not every few minutes.
 */
@Component
class OperationsAlerts {

	/** An operations SMS is stale after an hour: the next hour tells anew. */
	private static final Duration SMS_WORTH_SENDING = Duration.ofHours(1);

	private static final Set<String> BY_SMS = Set.of("ERROR_RATE_HIGH", "MPESA_CIRCUIT_OPEN");

	private final AdminAlerts admins;

	private final Texts texts;

	OperationsAlerts(AdminAlerts admins, Texts texts) {
		this.admins = admins;
		this.texts = texts;
	}

	@ApplicationModuleListener
	void on(OperationsAlert alert) {
		String link = switch (alert.kind()) {
			case "RECONCILIATION_OPEN" -> "/admin/reconciliation";
			case "PAYMENT_UNRESOLVED" -> "/admin/transactions?status=UNKNOWN";
			default -> "/admin/transactions";
		};
		this.admins.tell(NoticeKind.OPERATIONS_ALERT, "operations:" + alert.kind() + ":" + alert.period(), link,
				BY_SMS.contains(alert.kind()) ? SMS_WORTH_SENDING : null, (lang) -> {
					String what = this.texts.text(lang, "ops-alert." + alert.kind(), alert.value(), alert.threshold());
					return new AdminAlerts.Alert(this.texts.text(lang, "ops-alert.title"),
							this.texts.text(lang, "ops-alert.subject", what),
							this.texts.text(lang, "ops-alert.body", what),
							this.texts.text(lang, "sms.ops-alert", what));
				});
	}

}
