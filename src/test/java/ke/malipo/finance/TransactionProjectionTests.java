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
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finance's projection is kept by its listeners alone (issue 10): an event published by
 * payments becomes a row and timeline steps; events delivered late, out of order or again
 * (as after a crash, when the registry hands an event over a second time) leave the
 * projection exactly as one delivery in order would.
 */
@MalipoIntegrationTest
@EnableScenarios
class TransactionProjectionTests {

	private static final CurrentUser ADMIN = new CurrentUser(UserId.random(), "", "Auditor", Role.ADMIN);

	private static final Instant START = Instant.parse("2026-11-30T06:00:00Z");

	@Autowired
	TransactionLedger ledger;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	FailedEventPublications failed;

	@Test
	void aPublishedPaymentEventBecomesARowWithItsTimeline(Scenario scenario) {
		PaymentId id = PaymentId.random();
		scenario
			.publish(new PaymentEvent.PaymentStarted(facts(id, 0, AttemptState.INITIATED, null, null),
					List.of(step(0, HistoryKind.INITIATED, "STK push requested")), START))
			.andWaitForStateChange(() -> this.ledger.find(ADMIN, id))
			.andVerify((found) -> {
				Transaction transaction = found.orElseThrow();
				assertThat(transaction.state()).isEqualTo(AttemptState.INITIATED);
				assertThat(transaction.amount()).isEqualTo(Kes.of(2500));
				assertThat(transaction.phone()).isEqualTo(Msisdn.parse("0712 345 678"));
				assertThat(this.ledger.timeline(id)).extracting(TransactionLedger.TimelineEntry::kind)
					.containsExactly("INITIATED");
			});
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
		// The same changes told twice, as a redelivery does. Each is its own event (a
		// moment later): the publication registry tells publications apart by their
		// event,
		// so publishing one event object twice would leave one of its publications open
		// forever.
		List<PaymentEvent> again = List.of(
				new PaymentEvent.PaymentConfirmed(inOrder.get(2).payment(), inOrder.get(2).steps(),
						START.plusSeconds(20).plusMillis(1)),
				new PaymentEvent.PaymentNoted(inOrder.get(3).payment(), inOrder.get(3).steps(),
						START.plusSeconds(40).plusMillis(1)));
		// The last first, the first last, and the payment twice.
		List<PaymentEvent> sent = List.of(inOrder.get(3), inOrder.get(2), inOrder.get(0), again.get(0), inOrder.get(1),
				again.get(1));
		for (PaymentEvent event : sent) {
			this.transactions.executeWithoutResult((status) -> this.publisher.publishEvent(event));
		}
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
	 * A node that dies after the listener's work and before the publication is marked
	 * complete leaves it incomplete; the staleness monitor marks it failed and it is
	 * handed over again, read back from its stored JSON. The projection stays right.
	 */
	@Test
	void redeliveryAfterACrashLeavesTheProjectionRight() {
		PaymentId id = PaymentId.random();
		this.transactions
			.executeWithoutResult((status) -> this.publisher.publishEvent(
					new PaymentEvent.PaymentFailed(facts(id, 0, AttemptState.FAILED, null, "Cancelled by you"),
							List.of(step(0, HistoryKind.INITIATED, "STK push requested"),
									step(5, HistoryKind.FAILED, "1032 Request cancelled by user")),
							START.plusSeconds(5))));
		Projections.caughtUp(this.jdbc);
		Map<String, Object> before = row(id);
		List<TransactionLedger.TimelineEntry> timelineBefore = this.ledger.timeline(id);

		int crashed = this.jdbc.sql("""
				update events.event_publication set completion_date = null, status = 'FAILED', completion_attempts = 1
				 where listener_id like 'ke.malipo.finance.%' and serialized_event like :id
				""").param("id", "%" + id.value() + "%").update();
		assertThat(crashed).isEqualTo(1);
		this.failed.resubmit(ResubmissionOptions.defaults().withMinAge(Duration.ZERO));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.jdbc.sql("""
				select count(*) from events.event_publication
				 where listener_id like 'ke.malipo.finance.%' and serialized_event like :id
				   and completion_date is null""").param("id", "%" + id.value() + "%").query(Long.class).single() == 0);

		assertThat(row(id)).isEqualTo(before);
		assertThat(this.ledger.timeline(id)).isEqualTo(timelineBefore).hasSize(2);
		assertThat(this.ledger.find(ADMIN, id).orElseThrow().outcome()).isEqualTo("Cancelled by you");
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
