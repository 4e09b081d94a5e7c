@NullMarked
package ke.malipo.common.phone;

import org.jspecify.annotations.NullMarked;
