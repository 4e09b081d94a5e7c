@NullMarked
package ke.malipo.daraja.internal;

import org.jspecify.annotations.NullMarked;
