@NullMarked
package ke.malipo.identity.internal;

import org.jspecify.annotations.NullMarked;
