package ke.malipo.payments.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentId;
import ke.malipo.support.FeedRows;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments' change feed (DECISIONS.md 24): its readers never pass a row that commits
 * after a later one was read, stop at a row they cannot read instead of skipping it, and
 * lose nothing when the feed is pruned or when open publications of the old listeners are
 * moved into it. Observed through finance's projection, a real reader.
 */
@MalipoIntegrationTest
class PaymentFeedTests {

	private static final Instant START = Instant.parse("2026-11-30T06:00:00Z");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	EventSerializer serializer;

	@Autowired
	FeedRetention retention;

	/**
	 * Positions are numbered when rows are written, not when they commit. Here a row
	 * numbered first commits last, after a later row was applied (its transaction began
	 * first), and after a row of a transaction that began later: each is applied once it
	 * commits.
	 */
	@Test
	void aRowThatCommitsAfterALaterOneIsNeverPassed() throws Exception {
		PaymentId early = PaymentId.random();
		PaymentId late = PaymentId.random();
		PaymentId after = PaymentId.random();
		CountDownLatch begun = new CountDownLatch(1);
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// The later row's transaction takes its id before the held one writes its row...
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
			try {
				begun.await();
				this.transactions.executeWithoutResult((status) -> {
					append(started(early));
					written.countDown();
					await(release);
				});
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_current_xact_id()::text").query(String.class).single();
			begun.countDown();
			await(written);
			// ... and writes its own row, numbered after the held one, and commits first.
			append(started(late));
		});
		awaitProjected(late);
		// A transaction that begins while the first is held: its row waits behind it.
		this.transactions.executeWithoutResult((status) -> append(started(after)));
		pause();
		// Applying it now would put the reader's place past the held row.
		assertThat(projected(after)).isFalse();

		release.countDown();
		holder.get(30, TimeUnit.SECONDS);
		awaitProjected(early);
		awaitProjected(after);
		Projections.caughtUp(this.jdbc);
	}

	/**
	 * A feed row as the code of 2026-12-01 wrote it, with Spring Modulith's serializer.
	 */
	private static final String STORED = """
			{"payment":{"id":{"value":"f6fd1c0b-b4df-4c03-a894-664062f98ce1"},"sessionId":{"value":"333c660b-6657-461e-a00d-dc19b33eb944"},\
			"clientId":{"value":"ac44c13c-71ff-4ca2-a50c-b2d05aebdb46"},"psychologistId":{"value":"9e9041f3-e0a6-4a88-b4b7-312b86198aae"},\
			"amount":{"shillings":1500,"zero":false},"phone":"254708374149","reference":"SLIL7M","state":"AWAITING_CUSTOMER",\
			"checkoutRequestId":{"value":"ws_CO_011220262208254848514856122"},"receipt":null,"resultCode":null,"outcome":null,\
			"createdAt":"2026-12-01T19:08:25.393990Z","updatedAt":"2026-12-01T19:08:25.520971Z","version":1},\
			"steps":[{"at":"2026-12-01T19:08:25.520971Z","kind":"STATE","detail":"INITIATED -> AWAITING_CUSTOMER"},\
			{"at":"2026-12-01T19:08:25.520971Z","kind":"DARAJA_ACCEPTED","detail":"CheckoutRequestID ws_CO_011220262208254848514856122"}],\
			"occurredAt":"2026-12-01T19:08:25.520971Z"}""";

	@Test
	void rowsWrittenBeforeTheSerializerWasOursReadAndWriteAlike() {
		PaymentEvent.PromptSent event = this.serializer.deserialize(STORED, PaymentEvent.PromptSent.class);

		assertThat(event.paymentId()).isEqualTo(new PaymentId(UUID.fromString("f6fd1c0b-b4df-4c03-a894-664062f98ce1")));
		assertThat(event.steps()).hasSize(2);
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-01T19:08:25.520971Z"));
		assertThat(this.serializer.serialize(event).toString()).isEqualTo(STORED);
	}

	/**
	 * A row no reader can read (here an event type this version does not know, as after a
	 * downgrade) stops the readers at it; once it is mended they go on from it.
	 */
	@Test
	void anUnreadableRowStopsTheReadersUntilItIsMended() {
		PaymentId blocked = PaymentId.random();
		PaymentEvent event = started(blocked);
		this.transactions.executeWithoutResult((status) -> this.jdbc.sql(
				"insert into payments.feed (event_type, payload) values ('ke.malipo.payments.PaymentEvent$Unheard', :p)")
			.param("p", this.serializer.serialize(event).toString())
			.update());
		PaymentId next = PaymentId.random();
		FeedRows.append(this.transactions, this.jdbc, this.serializer, started(next));
		pause();
		assertThat(projected(next)).isFalse();

		this.jdbc.sql("""
				update payments.feed set event_type = 'ke.malipo.payments.PaymentEvent$PaymentStarted'
				 where event_type = 'ke.malipo.payments.PaymentEvent$Unheard'""").update();
		awaitProjected(blocked);
		awaitProjected(next);
		Projections.caughtUp(this.jdbc);
		Projections.caughtUp(this.jdbc, "insights");
		Projections.caughtUp(this.jdbc, "reconciliation");
	}

	/** Old rows every reader has passed go; a row a reader still needs stays. */
	@Test
	void pruningKeepsWhatAReaderStillNeeds() {
		PaymentId passed = PaymentId.random();
		append(started(passed));
		Projections.caughtUp(this.jdbc);
		Projections.caughtUp(this.jdbc, "insights");
		Projections.caughtUp(this.jdbc, "reconciliation");
		this.jdbc.sql("update payments.feed set recorded_at = recorded_at - interval '400 days' where payload like :id")
			.param("id", "%" + passed.value() + "%")
			.update();
		// A reader set back before the row (holding its lock, so that a batch it is
		// applying cannot move it on) needs it again.
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(:lock, :reader)")
				.param("lock", FeedDelivery.LOCK)
				.param("reader", "insights".hashCode())
				.query()
				.listOfRows();
			assertThat(this.jdbc.sql("""
					update payments.feed_readers r set tx = f.tx, position = f.position - 1
					  from payments.feed f where r.name = 'insights' and f.payload like :id
					""").param("id", "%" + passed.value() + "%").update()).isEqualTo(1);
			this.retention.deleteOld();
			assertThat(rows(passed)).isEqualTo(1);
		});

		Projections.caughtUp(this.jdbc, "insights");
		assertThat(this.retention.deleteOld()).isGreaterThanOrEqualTo(1);
		assertThat(rows(passed)).isZero();
	}

	/**
	 * Publications to the listeners the feed replaced, still open when V51 runs, become
	 * feed rows once each, and are applied; running it again adds nothing.
	 */
	@Test
	void openPublicationsOfTheOldListenersMoveIntoTheFeed() throws Exception {
		PaymentId id = PaymentId.random();
		PaymentEvent event = started(id);
		String json = this.serializer.serialize(event).toString();
		for (String listener : List.of(
				"ke.malipo.finance.internal.TransactionProjection.on(ke.malipo.payments.PaymentEvent)",
				"ke.malipo.insights.internal.PaymentHistory.on(ke.malipo.payments.PaymentEvent)",
				"ke.malipo.reconciliation.internal.PaymentLedger.on(ke.malipo.payments.PaymentEvent$PaymentStarted)",
				"ke.malipo.audit.internal.PaymentAudit.on(ke.malipo.payments.PaymentEvent)")) {
			this.jdbc
				.sql("""
						insert into events.event_publication (id, listener_id, event_type, serialized_event, publication_date,
						  status, completion_attempts)
						values (:id, :listener, :type, :json, now(), 'PUBLISHED', 1)""")
				.param("id", UUID.randomUUID())
				.param("listener", listener)
				.param("type", event.getClass().getName())
				.param("json", json)
				.update();
		}
		String migration = new ClassPathResource("db/migration/payments/V51__payments_feed_takes_open_publications.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		for (int run = 0; run < 2; run++) {
			this.transactions.executeWithoutResult((status) -> {
				for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
					if (!statement.isBlank()) {
						this.jdbc.sql(statement).update();
					}
				}
			});
		}

		assertThat(rows(id)).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from events.event_publication where serialized_event = :json")
			.param("json", json)
			.query(Long.class)
			.single()).isZero();
		awaitProjected(id);
		Projections.caughtUp(this.jdbc, "insights");
		assertThat(this.jdbc.sql("select count(*) from insights.payments where payment_id = :id")
			.param("id", id.value())
			.query(Long.class)
			.single()).isEqualTo(1);
		Projections.caughtUp(this.jdbc, "audit");
		assertThat(this.jdbc.sql("select count(*) from audit.entries where subject = :subject and action = :action")
			.param("subject", "payment:" + id.value())
			.param("action", "PAYMENT_INITIATED")
			.query(Long.class)
			.single()).as("recorded once").isEqualTo(1);
	}

	/** Joins the caller's transaction when there is one, as a stored change does. */
	private void append(PaymentEvent event) {
		FeedRows.append(this.transactions, this.jdbc, this.serializer, event);
	}

	/**
	 * Gives a reader that would wrongly go on the time to do it (the readers poll every
	 * second and are woken by commits through payments).
	 */
	private static void pause() {
		try {
			Thread.sleep(1500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private long rows(PaymentId id) {
		return this.jdbc.sql("select count(*) from payments.feed where payload like :id")
			.param("id", "%" + id.value() + "%")
			.query(Long.class)
			.single();
	}

	private boolean projected(PaymentId id) {
		return this.jdbc.sql("select count(*) from finance.transactions where payment_id = :id")
			.param("id", id.value())
			.query(Long.class)
			.single() == 1;
	}

	private void awaitProjected(PaymentId id) {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> projected(id));
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static PaymentEvent started(PaymentId id) {
		return FeedRows.started(id, START);
	}

}
