package ke.malipo.finance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.finance.internal.Transaction;
import ke.malipo.finance.internal.TransactionLedger;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentStep;
import ke.malipo.support.FeedRows;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finance's projection is kept from payments' change feed alone (issue 10, DECISIONS.md
 * 24): an event in the feed becomes a row and timeline steps; events read late, out of
 * order or again (the feed's order is the order transactions began, and a reader set back
 * reads its events again) leave the projection exactly as one delivery in order would.
 */
@MalipoIntegrationTest
class TransactionProjectionTests {

	private static final CurrentUser ADMIN = new CurrentUser(UserId.random(), "", "Auditor", Role.ADMIN);

	private static final Instant START = Instant.parse("2026-11-30T06:00:00Z");

	@Autowired
	TransactionLedger ledger;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventSerializer serializer;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aPaymentEventInTheFeedBecomesARowWithItsTimeline() {
		PaymentId id = PaymentId.random();
		append(new PaymentEvent.PaymentStarted(facts(id, 0, AttemptState.INITIATED, null, null),
				List.of(step(0, HistoryKind.INITIATED, "STK push requested")), START));
		Projections.caughtUp(this.jdbc);

		Transaction transaction = this.ledger.find(ADMIN, id).orElseThrow();
		assertThat(transaction.state()).isEqualTo(AttemptState.INITIATED);
		assertThat(transaction.amount()).isEqualTo(Kes.of(2500));
		assertThat(transaction.phone()).isEqualTo(Msisdn.parse("0712 345 678"));
		assertThat(this.ledger.timeline(id)).extracting(TransactionLedger.TimelineEntry::kind)
			.containsExactly("INITIATED");
	}

	@Test
	void eventsOutOfOrderAndTwiceLeaveTheProjectionAsInOrder() {
		PaymentId id = PaymentId.random();
		MpesaReceipt receipt = new MpesaReceipt("TPR0JECT10");
		List<PaymentEvent> inOrder = List.of(
				new PaymentEvent.PaymentStarted(facts(id, 0, AttemptState.INITIATED, null, null),
						List.of(step(0, HistoryKind.INITIATED, "STK push requested")), START),
				new PaymentEvent.PromptSent(facts(id, 1, AttemptState.AWAITING_CUSTOMER, null, null),
						List.of(step(1, HistoryKind.STATE, "INITIATED -> AWAITING_CUSTOMER"),
								step(1, HistoryKind.DARAJA_ACCEPTED, "CheckoutRequestID ws_CO_1")),
						START.plusSeconds(1)),
				new PaymentEvent.PaymentConfirmed(facts(id, 2, AttemptState.PAID, receipt, null),
						List.of(step(20, HistoryKind.CALLBACK, "STK callback"),
								step(20, HistoryKind.STATE, "AWAITING_CUSTOMER -> PAID"),
								step(20, HistoryKind.PAID, "Receipt " + receipt)),
						START.plusSeconds(20)),
				new PaymentEvent.PaymentNoted(facts(id, 3, AttemptState.PAID, receipt, null),
						List.of(step(40, HistoryKind.DUPLICATE, "callback reports the receipt again")),
						START.plusSeconds(40)));
		// The same changes told twice, a moment later, as a redelivery does.
		List<PaymentEvent> again = List.of(
				new PaymentEvent.PaymentConfirmed(inOrder.get(2).payment(), inOrder.get(2).steps(),
						START.plusSeconds(20).plusMillis(1)),
				new PaymentEvent.PaymentNoted(inOrder.get(3).payment(), inOrder.get(3).steps(),
						START.plusSeconds(40).plusMillis(1)));
		// The last first, the first last, and the payment twice.
		List<PaymentEvent> sent = List.of(inOrder.get(3), inOrder.get(2), inOrder.get(0), again.get(0), inOrder.get(1),
				again.get(1));
		sent.forEach(this::append);
		Projections.caughtUp(this.jdbc);

		Transaction transaction = this.ledger.find(ADMIN, id).orElseThrow();
		assertThat(transaction.state()).isEqualTo(AttemptState.PAID);
		assertThat(transaction.receipt()).isEqualTo(receipt.value());
		assertThat(version(id)).isEqualTo(3);
		assertThat(this.ledger.timeline(id)).extracting(TransactionLedger.TimelineEntry::kind)
			.containsExactly("INITIATED", "STATE", "DARAJA_ACCEPTED", "CALLBACK", "STATE", "PAID", "DUPLICATE");
		assertThat(paidAt(id)).isEqualTo(START.plusSeconds(20));
	}

	/**
	 * A reader's place moves in the transaction that applied its batch, so a crash cannot
	 * hand a batch over twice; but a reader set back (to rebuild, or by a mistake) reads
	 * the same events again, read back from their stored JSON. The projection stays
	 * right.
	 */
	@Test
	void readingTheFeedAgainLeavesTheProjectionRight() {
		PaymentId id = PaymentId.random();
		append(new PaymentEvent.PaymentFailed(facts(id, 0, AttemptState.FAILED, null, "Cancelled by you"),
				List.of(step(0, HistoryKind.INITIATED, "STK push requested"),
						step(5, HistoryKind.FAILED, "1032 Request cancelled by user")),
				START.plusSeconds(5)));
		Projections.caughtUp(this.jdbc);
		Map<String, Object> before = row(id);
		List<TransactionLedger.TimelineEntry> timelineBefore = this.ledger.timeline(id);

		int setBack = this.jdbc.sql("""
				update payments.feed_readers r set tx = f.tx, position = f.position - 1
				  from payments.feed f where r.name = 'finance' and f.payload like :id
				""").param("id", "%" + id.value() + "%").update();
		assertThat(setBack).isEqualTo(1);
		Projections.caughtUp(this.jdbc);

		assertThat(row(id)).isEqualTo(before);
		assertThat(this.ledger.timeline(id)).isEqualTo(timelineBefore).hasSize(2);
		assertThat(this.ledger.find(ADMIN, id).orElseThrow().outcome()).isEqualTo("Cancelled by you");
	}

	private void append(PaymentEvent event) {
		FeedRows.append(this.transactions, this.jdbc, this.serializer, event);
	}

	private long version(PaymentId id) {
		return this.jdbc.sql("select version from finance.transactions where payment_id = :id")
			.param("id", id.value())
			.query(Long.class)
			.single();
	}

	private @Nullable Instant paidAt(PaymentId id) {
		return Optional
			.ofNullable(this.jdbc.sql("select paid_at from finance.transactions where payment_id = :id")
				.param("id", id.value())
				.query(java.sql.Timestamp.class)
				.single())
			.map(java.sql.Timestamp::toInstant)
			.orElse(null);
	}

	private Map<String, Object> row(PaymentId id) {
		return this.jdbc.sql("select * from finance.transactions where payment_id = :id")
			.param("id", id.value())
			.query()
			.singleRow();
	}

	private static PaymentFacts facts(PaymentId id, long version, AttemptState state, @Nullable MpesaReceipt receipt,
			@Nullable String outcome) {
		return new PaymentFacts(id, new SessionId(new java.util.UUID(7, id.value().getLeastSignificantBits())),
				UserId.random(), UserId.random(), Kes.of(2500), Msisdn.parse("0712 345 678"), "ABC123", state,
				(version > 0) ? new CheckoutRequestId("ws_CO_1") : null, receipt, null, outcome, START,
				START.plusSeconds(version), version);
	}

	private static PaymentStep step(int second, HistoryKind kind, String detail) {
		return new PaymentStep(START.plusSeconds(second).truncatedTo(ChronoUnit.MILLIS), kind, detail);
	}

}
