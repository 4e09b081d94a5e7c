@NullMarked
package ke.malipo.booking.web;

import org.jspecify.annotations.NullMarked;
