@NullMarked
package ke.malipo.reconciliation.internal;

import org.jspecify.annotations.NullMarked;
