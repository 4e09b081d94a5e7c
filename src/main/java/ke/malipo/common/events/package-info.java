/**
 * The event publication registry's upkeep: publications whose listener failed, or whose
 * node died while handling them, are handed to their listeners again.
 */
@NullMarked
package ke.malipo.common.events;

import org.jspecify.annotations.NullMarked;
