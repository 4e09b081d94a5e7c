/**
 * Insights for admins: trends of volume, value and success by day and week, a forecast of
 * the next weeks with its uncertainty, fraud signals on each payment, and what clients
 * and psychologists say of paying. It keeps its own history in the {@code insights}
 * schema from payments' events (like finance's projection) and never calls
 * {@code payments}.
 */
@ApplicationModule(displayName = "Insights",
		allowedDependencies = { "common", "identity", "payments", "booking", "daraja" })
@NullMarked
package ke.malipo.insights;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
