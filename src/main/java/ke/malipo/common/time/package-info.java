@NullMarked
package ke.malipo.common.time;

import org.jspecify.annotations.NullMarked;
