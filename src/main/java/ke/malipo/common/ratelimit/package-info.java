/**
 * Sliding-window rate limits kept in PostgreSQL, so that every node counts the same
 * events.
 */
@NullMarked
package ke.malipo.common.ratelimit;

import org.jspecify.annotations.NullMarked;
