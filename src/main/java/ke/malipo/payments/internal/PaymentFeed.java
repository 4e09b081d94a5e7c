package ke.malipo.payments.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ke.malipo.payments.PaymentEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Payments' change feed in {@code payments.feed} (DECISIONS.md 24): each stored change's
 * event, written in the change's transaction, and where each
 * {@link ke.malipo.payments.PaymentFeedReader} stands in it. Rows are read only once no
 * transaction that began before them is still running, so a reader's place never passes a
 * row that commits later (V50 says how).
 */
@Repository
class PaymentFeed {

	/** The events the feed may hold, by the type name stored with each. */
	private static final Map<String, Class<?>> TYPES = Arrays.stream(PaymentEvent.class.getPermittedSubclasses())
		.collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

	private final JdbcClient jdbc;

	private final EventSerializer serializer;

	private final FeedSignal signal;

	/**
	 * Events decoded lately, by position: the readers read the same rows moments apart,
	 * so each row is decoded once for all of them (decoding was a twelfth of the JVM's
	 * time applying callbacks, BENCHMARKS.md). Rows never change once written.
	 */
	private final Map<Long, PaymentEvent> decoded;

	PaymentFeed(JdbcClient jdbc, EventSerializer serializer, FeedSignal signal, PaymentSettings settings) {
		this.jdbc = jdbc;
		this.serializer = serializer;
		this.signal = signal;
		int capacity = 2 * settings.feed().batch();
		this.decoded = Collections.synchronizedMap(new LinkedHashMap<>(capacity, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Long, PaymentEvent> eldest) {
				return size() > capacity;
			}

		});
	}

	/**
	 * The feed row of an event, for the statement that writes it together with the change
	 * itself, in the change's transaction (one round trip, {@link AttemptRepository});
	 * that writer then calls {@link #wakeReadersAfterCommit()}.
	 */
	Entry entry(PaymentEvent event) {
		return new Entry(event.getClass().getName(), this.serializer.serialize(event).toString());
	}

	/**
	 * Wakes the readers once the caller's transaction, which wrote to the feed, commits.
	 */
	void wakeReadersAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					PaymentFeed.this.signal.committed();
				}
			});
		}
	}

	/** Makes sure the reader has a place, at the feed's beginning when it is new. */
	void register(String reader) {
		this.jdbc.sql("insert into payments.feed_readers (name) values (:name) on conflict do nothing")
			.param("name", reader)
			.update();
	}

	/** Where the reader stands: the last row it applied. */
	Place place(String reader) {
		return this.jdbc.sql("select tx::text, position from payments.feed_readers where name = :reader")
			.param("reader", reader)
			.query((rs, n) -> new Place(rs.getString(1), rs.getLong(2)))
			.single();
	}

	/**
	 * Up to {@code max} events after {@code place} that no running transaction can still
	 * precede, oldest first. Run it before the transaction writes anything: a transaction
	 * with an id of its own would hold its own reads back.
	 */
	Batch next(Place place, int max) {
		List<Row> rows = this.jdbc.sql("""
				select position, tx::text, event_type, payload from payments.feed
				 where (tx, position) > (:tx::xid8, :position) and tx < pg_snapshot_xmin(pg_current_snapshot())
				 order by tx, position
				 limit :max""")
			.param("tx", place.tx())
			.param("position", place.position())
			.param("max", max)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		return new Batch(rows.stream().map(this::event).toList(),
				rows.isEmpty() ? place : new Place(rows.getLast().tx(), rows.getLast().position()));
	}

	private PaymentEvent event(Row row) {
		PaymentEvent known = this.decoded.get(row.position());
		if (known != null) {
			return known;
		}
		PaymentEvent event = decode(row);
		this.decoded.put(row.position(), event);
		return event;
	}

	private PaymentEvent decode(Row row) {
		Class<?> type = TYPES.get(row.type());
		if (type == null) {
			throw new IllegalStateException("Feed row " + row.position() + " holds an unknown event: " + row.type());
		}
		return (PaymentEvent) this.serializer.deserialize(row.payload(), type);
	}

	/**
	 * Moves the reader's place past the batch, in the transaction that applied it. The
	 * time is the database's real one, not the application's clock: it says how far
	 * behind delivery runs, for operations and benchmarks.
	 */
	void passed(String reader, Batch batch) {
		this.jdbc.sql("""
				update payments.feed_readers set tx = :tx::xid8, position = :position, read_at = clock_timestamp()
				 where name = :reader""")
			.param("reader", reader)
			.param("tx", batch.last().tx())
			.param("position", batch.last().position())
			.update();
	}

	/**
	 * Whether rows after the place are stored, readable yet or not. Asked in the index's
	 * order: a plain {@code exists} was planned as a scan from the feed's first row.
	 */
	boolean after(Place place) {
		return Boolean.TRUE.equals(this.jdbc.sql("""
				select exists (select 1 from payments.feed where (tx, position) > (:tx::xid8, :position)
				                order by tx, position limit 1)""")
			.param("tx", place.tx())
			.param("position", place.position())
			.query(Boolean.class)
			.single());
	}

	/**
	 * Deletes up to {@code max} rows recorded before {@code before} that every reader has
	 * passed; a row some reader still needs stays, however old.
	 */
	int prune(Instant before, int max) {
		return this.jdbc
			.sql("""
					delete from payments.feed where position in (
					  select f.position from payments.feed f
					   where f.recorded_at < :before
					     and not exists (select 1 from payments.feed_readers r where (f.tx, f.position) > (r.tx, r.position))
					   limit :max)""")
			.param("before", ts(before))
			.param("max", max)
			.update();
	}

	/** One stored row of the feed. */
	record Row(long position, String tx, String type, String payload) {
	}

	/**
	 * A place in the feed: the transaction that wrote a row (PostgreSQL's 64-bit id, as
	 * text) and its position.
	 */
	record Place(String tx, long position) {
	}

	/** A batch of events and the place its reader moves to (where it was when empty). */
	record Batch(List<PaymentEvent> events, Place last) {
	}

	/** A feed row as written: the event's type name and its serialized form. */
	record Entry(String type, String payload) {
	}

}
