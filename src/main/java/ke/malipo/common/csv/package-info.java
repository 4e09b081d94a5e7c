@NullMarked
package ke.malipo.common.csv;

import org.jspecify.annotations.NullMarked;
