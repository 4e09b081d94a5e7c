/**
 * Secrets given to the application sealed ({@code enc:} values, AES-256-GCM) and opened
 * at start-up with a key that lives outside the repository and the database.
 */
@NullMarked
package ke.malipo.common.secrets;

import org.jspecify.annotations.NullMarked;
