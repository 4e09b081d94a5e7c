/**
 * Therapy sessions from request to completion: booking, approval with a pay-by deadline,
 * decline, cancellation, expiry of unpaid sessions, and confirmation once paid.
 */
@ApplicationModule(displayName = "Booking", allowedDependencies = { "common", "identity", "profiles" })
@NullMarked
package ke.malipo.booking;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
