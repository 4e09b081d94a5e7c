@NullMarked
package ke.malipo;

import org.jspecify.annotations.NullMarked;
