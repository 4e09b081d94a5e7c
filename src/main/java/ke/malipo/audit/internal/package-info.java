@NullMarked
package ke.malipo.audit.internal;

import org.jspecify.annotations.NullMarked;
