/**
 * The M-Pesa Daraja client: OAuth tokens, STK push and query, Transaction Status, Pull
 * Transactions and the catalogue of Daraja's codes. Stateless: it keeps no tables and
 * turns every answer Daraja can give into a typed outcome.
 */
@ApplicationModule(displayName = "Daraja", allowedDependencies = "common")
@NullMarked
package ke.malipo.daraja;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
