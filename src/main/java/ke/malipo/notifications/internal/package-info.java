@NullMarked
package ke.malipo.notifications.internal;

import org.jspecify.annotations.NullMarked;
