@NullMarked
package ke.malipo.booking.internal;

import org.jspecify.annotations.NullMarked;
