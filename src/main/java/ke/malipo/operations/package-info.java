/**
 * Operations: what an on-call engineer watches. Metrics for Prometheus (payments by
 * outcome, the funnel, processing time, open and queued payments, callbacks, runs), kept
 * by listening to payments' and reconciliation's events and reading their public figures;
 * the scrape endpoint's door (a token, or an admin).
 */
@ApplicationModule(displayName = "Operations",
		allowedDependencies = { "common", "daraja", "payments", "reconciliation", "identity" })
@NullMarked
package ke.malipo.operations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
