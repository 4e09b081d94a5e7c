@NullMarked
package ke.malipo.notifications.web;

import org.jspecify.annotations.NullMarked;
