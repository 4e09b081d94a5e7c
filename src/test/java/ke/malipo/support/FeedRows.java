package ke.malipo.support;

import ke.malipo.payments.PaymentEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a payment event to payments' change feed as a stored change does (its own
 * transaction, the registry's serializer), for tests of the modules that follow the feed
 * with events no real payment would produce in that order.
 */
public final class FeedRows {

	/**
	 * Counts the rows of the feed some reader has still to apply (committed ones: a row
	 * being written is not seen).
	 */
	public static final String UNREAD = """
			select count(*) from payments.feed f join payments.feed_readers r on (f.tx, f.position) > (r.tx, r.position)""";

	private FeedRows() {
	}

	public static void append(TransactionTemplate transactions, JdbcClient jdbc, EventSerializer serializer,
			PaymentEvent event) {
		transactions.executeWithoutResult(
				(status) -> jdbc.sql("insert into payments.feed (event_type, payload) values (:type, :payload)")
					.param("type", event.getClass().getName())
					.param("payload", serializer.serialize(event).toString())
					.update());
	}

}
