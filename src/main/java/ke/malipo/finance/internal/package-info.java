@NullMarked
package ke.malipo.finance.internal;

import org.jspecify.annotations.NullMarked;
