package ke.malipo.notifications.internal;

import java.util.stream.Collectors;

import ke.malipo.insights.PaymentFlagged;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells every admin in the app when fraud signals flag a payment, with the reasons and a
 * link to it on the finance desk. Once per payment: the first flag is news, a reason
 * added later shows on the desk without another message. Not by email or SMS: a flag is a
 * signal to look at, not money already wrong, and a busy day's flags would bury the
 * alerts that are (the desk's "Flagged only" filter lists them all).
 */
@Component
class FraudAlerts {

	private final AdminAlerts admins;

	private final Texts texts;

	FraudAlerts(AdminAlerts admins, Texts texts) {
		this.admins = admins;
		this.texts = texts;
	}

	@ApplicationModuleListener
	void on(PaymentFlagged flagged) {
		this.admins.tellInApp(NoticeKind.FRAUD_ALERT, "fraud:" + flagged.paymentId(),
				"/admin/transactions/" + flagged.paymentId(), (lang) -> {
					String reasons = flagged.reasons()
						.stream()
						.map((reason) -> this.texts.text(lang, "fraud-alert." + reason))
						.collect(Collectors.joining("; "));
					return AdminAlerts.Alert.inApp(this.texts.text(lang, "fraud-alert.title"),
							this.texts.text(lang, "fraud-alert.body", reasons));
				});
	}

}
