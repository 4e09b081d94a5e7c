/**
 * Reconciliation: proves every shilling against M-Pesa's own records. It keeps its own
 * copy of payments from their events, stores M-Pesa's records (org-portal statements,
 * Pull Transactions, Transaction Status results), and compares the two in runs whose
 * every item says which rule decided it, from both sides' records. It may call
 * {@code daraja} and the public API of {@code payments} to settle what M-Pesa proves.
 */
@ApplicationModule(displayName = "Reconciliation",
		allowedDependencies = { "common", "identity", "booking", "payments", "daraja" })
@NullMarked
package ke.malipo.reconciliation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
