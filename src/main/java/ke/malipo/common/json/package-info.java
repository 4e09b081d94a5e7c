/** How JSON from outside is read. */
@NullMarked
package ke.malipo.common.json;

import org.jspecify.annotations.NullMarked;
