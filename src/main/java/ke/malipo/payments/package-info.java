/**
 * Paying for sessions with M-Pesa: payment attempts and their state machine, initiation,
 * the callback inbox, status with direct queries, the resolver of unknown outcomes, and
 * the payment events the rest of Malipo hears.
 */
@ApplicationModule(displayName = "Payments", allowedDependencies = { "common", "daraja", "booking", "identity" })
@NullMarked
package ke.malipo.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
