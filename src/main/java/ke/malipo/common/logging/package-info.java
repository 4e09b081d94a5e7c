@NullMarked
package ke.malipo.common.logging;

import org.jspecify.annotations.NullMarked;
