/**
 * Telling people what happened: in-app notices today, email and SMS with reminders next.
 * Kept by listening to booking's and payments' events; every notice is written once per
 * event, recipient and channel, so a redelivered event never tells anyone twice.
 */
@ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "common", "identity", "booking", "payments", "finance", "reconciliation", "operations",
				"insights" })
@NullMarked
package ke.malipo.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
