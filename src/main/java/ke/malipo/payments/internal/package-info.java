@NullMarked
package ke.malipo.payments.internal;

import org.jspecify.annotations.NullMarked;
