package ke.malipo.payments;

import java.util.List;

/**
 * A module that keeps a copy of what payments know (a projection, a ledger, a history)
 * and follows payments' change feed instead of taking each event as a publication of its
 * own. Payments hands it every {@link PaymentEvent} once, in batches, each batch in one
 * transaction with the reader's place in the feed: applied and passed together, or
 * neither (DECISIONS.md 24). The events arrive in the order their transactions began,
 * which is not always the order a payment's changes committed in, so a reader must be
 * order-tolerant by version and idempotent, as every projection here already is.
 * <p>
 * A reader that fails rolls its batch back and is handed the same batch again after a
 * pause; the readers after it in the feed wait, so nothing is skipped.
 */
public interface PaymentFeedReader {

	/**
	 * The reader's name, under which its place is kept: lower case letters, digits and
	 * hyphens, and never changed (a new name starts from the feed's beginning).
	 */
	String name();

	/**
	 * Applies the events, oldest first, in the caller's transaction. The events are
	 * shared with the other readers: read them, never change them.
	 */
	void apply(List<PaymentEvent> events);

}
