@NullMarked
package ke.malipo.insights.internal;

import org.jspecify.annotations.NullMarked;
