/**
 * The read side of money: the finance desk with search, filters and the CSV export,
 * payment histories, transaction timelines and PDF receipts. It owns a projection in the
 * {@code finance} schema, kept current by listening to payments' and booking's events
 * (and insights' fraud flags, shown on the desk); it never calls {@code payments} to
 * learn what happened.
 */
@ApplicationModule(displayName = "Finance",
		allowedDependencies = { "common", "identity", "booking", "payments", "daraja", "profiles", "insights" })
@NullMarked
package ke.malipo.finance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
