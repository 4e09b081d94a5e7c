package ke.malipo.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentStep;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a payment event to payments' change feed as a stored change does (in the
 * caller's transaction, or one of its own when there is none; with the application's
 * event serializer), for tests of the feed and of the modules that follow it with events
 * no real payment would produce in that order.
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

	/**
	 * A payment's first event, for a session and people nobody else knows: what a feed
	 * row holds when the test needs any row at all.
	 */
	public static PaymentEvent started(PaymentId id, Instant at) {
		PaymentFacts facts = new PaymentFacts(id, new SessionId(UUID.randomUUID()), UserId.random(), UserId.random(),
				Kes.of(1500), Msisdn.parse("0712 345 678"), "F" + id.value().toString().substring(0, 8).toUpperCase(),
				AttemptState.INITIATED, null, null, null, null, at, at, 0);
		return new PaymentEvent.PaymentStarted(facts,
				List.of(new PaymentStep(at, HistoryKind.INITIATED, "STK push requested")), at);
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
