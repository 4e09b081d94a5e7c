@NullMarked
package ke.malipo.simulator.internal;

import org.jspecify.annotations.NullMarked;
