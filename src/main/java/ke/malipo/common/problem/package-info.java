@NullMarked
package ke.malipo.common.problem;

import org.jspecify.annotations.NullMarked;
