/**
 * Audit: a tamper-evident record of every payment action (who, what, when, from which
 * state to which) and of every admin's access to payment data. Entries are written as
 * things happen and chained by one sequencer; keyed checkpoints and an anchor outside the
 * database make any change, removal, reordering, insertion or truncation detectable.
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = { "common", "identity", "payments", "booking" })
@NullMarked
package ke.malipo.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
