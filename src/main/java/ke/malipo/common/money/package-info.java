@NullMarked
package ke.malipo.common.money;

import org.jspecify.annotations.NullMarked;
