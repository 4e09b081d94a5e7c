package ke.malipo.payments.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An initiation waiting for an unreachable M-Pesa (Property 71).
 *
 * @param queued still waiting to be sent
 * @param until when waiting ends: sent by then, or failed cleanly
 */
record Queueing(boolean queued, @Nullable Instant until) {

	static final Queueing NONE = new Queueing(false, null);

}
