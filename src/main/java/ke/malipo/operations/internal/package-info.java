@NullMarked
package ke.malipo.operations.internal;

import org.jspecify.annotations.NullMarked;
