package ke.malipo.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.daraja.DarajaCodes;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.MerchantRequestId;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentStep;
import ke.malipo.payments.PaymentId;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static ke.malipo.payments.AttemptState.AWAITING_CUSTOMER;
import static ke.malipo.payments.AttemptState.FAILED;
import static ke.malipo.payments.AttemptState.INITIATED;
import static ke.malipo.payments.AttemptState.NEEDS_REVIEW;
import static ke.malipo.payments.AttemptState.PAID;
import static ke.malipo.payments.AttemptState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * A payment attempt under random interleavings of everything that can happen to it
 * (Daraja's answers, callbacks duplicated, reordered and late, wrong amounts, queries
 * that prove payment without a receipt, unknown codes, reviews) never leaves the states
 * of architecture.md, never fails on a guess or an unknown code, never pays without the
 * exact amount and M-Pesa's proof, and never loses money M-Pesa reported: it ends PAID or
 * NEEDS_REVIEW unless a person decides otherwise (Properties 21, 23, 28, 30, 75; issue
 * 9).
 */
class PaymentAttemptStateMachineTest {

	private static final Map<AttemptState, Set<AttemptState>> ALLOWED = Map.of(INITIATED,
			Set.of(AWAITING_CUSTOMER, FAILED, UNKNOWN), AWAITING_CUSTOMER, Set.of(PAID, FAILED, NEEDS_REVIEW), UNKNOWN,
			Set.of(PAID, FAILED, NEEDS_REVIEW), NEEDS_REVIEW, Set.of(PAID, FAILED), PAID, Set.of(), FAILED,
			Set.of(PAID, NEEDS_REVIEW));

	/** What may move a FAILED attempt: only M-Pesa's proof that money moved after all. */
	private static final Set<Kind> MONEY = Set.of(Kind.CALLBACK_PAID, Kind.CALLBACK_WRONG_AMOUNT, Kind.QUERY_PAID);

	private static final Kes PRICE = Kes.of(2000);

	enum Kind {

		ACCEPT, REJECT, AMBIGUOUS, CALLBACK_PAID, CALLBACK_WRONG_AMOUNT, CALLBACK_CANCELLED, QUERY_PENDING,
		QUERY_BUSY_AS_FAILURE, QUERY_STILL_PROCESSING_AS_FAILURE, UNKNOWN_CODE_AS_FAILURE, QUERY_PAID, RECEIPT_FOUND,
		REVIEW, RESOLVE_PAID, RESOLVE_FAILED, RESOLVE_WITHOUT_REASON

	}

	private static Gen<List<Kind>> sequences() {
		return lists().of(integers().between(0, Kind.values().length - 1).map((i) -> Kind.values()[i]))
			.ofSizeBetween(1, 30);
	}

	private static PaymentAttempt fresh(Instant now) {
		PaymentAttempt attempt = PaymentAttempt.initiate(PaymentId.random(), SessionId.random(), UserId.random(),
				UserId.random(), PRICE, Msisdn.parse("0712345678"), now);
		attempt.drainChanges();
		return attempt;
	}

	@Test
	void randomInterleavingsKeepEveryInvariant() {
		qt().withExamples(2000).withFixedSeed(4L).forAll(sequences()).checkAssert((kinds) -> {
			Instant now = Instant.parse("2026-11-27T06:00:00Z");
			PaymentAttempt attempt = fresh(now);
			boolean moneyReported = false;
			int step = 0;
			for (Kind kind : kinds) {
				now = now.plus(Duration.ofSeconds(40));
				AttemptState before = attempt.state();
				MpesaReceipt receiptBefore = attempt.receipt();
				boolean refused = false;
				try {
					apply(attempt, kind, now, ++step);
				}
				catch (MalipoException | IllegalArgumentException | IllegalStateException ex) {
					refused = true;
				}
				List<PaymentEvent> events = attempt.drainChanges().event().stream().toList();
				if (refused) {
					assertThat(attempt.state()).isEqualTo(before);
					assertThat(attempt.receipt()).isEqualTo(receiptBefore);
					assertThat(events).isEmpty();
				}
				if (attempt.state() != before) {
					assertThat(ALLOWED.get(before)).contains(attempt.state());
				}
				if (before == PAID) {
					// Property 75: nothing undoes a payment; only a missing receipt is
					// added.
					assertThat(attempt.state()).isEqualTo(PAID);
					if (receiptBefore != null) {
						assertThat(attempt.receipt()).isEqualTo(receiptBefore);
					}
				}
				if (before == FAILED && attempt.state() != FAILED) {
					// Late money is never dropped, and nothing else revives a failure.
					assertThat(kind).isIn(MONEY);
				}
				if (attempt.state() == FAILED && before != FAILED) {
					assertThat(kind).isIn(Kind.REJECT, Kind.CALLBACK_CANCELLED, Kind.RESOLVE_FAILED);
					// Property 30: the failure reason is kept.
					assertThat(attempt.reason()).isNotBlank();
				}
				if (attempt.state() == PAID && before != PAID) {
					assertThat(kind).isIn(Kind.CALLBACK_PAID, Kind.QUERY_PAID, Kind.RESOLVE_PAID);
					assertThat(events).singleElement().isInstanceOf(PaymentEvent.PaymentConfirmed.class);
				}
				if (kind == Kind.CALLBACK_WRONG_AMOUNT && before != PAID) {
					assertThat(attempt.state()).isNotEqualTo(PAID);
				}
				if (attempt.state() == PAID && attempt.receipt() == null) {
					// Proven by a query: its receipt is still sought.
					assertThat(attempt.awaitsReceipt()).isTrue();
					assertThat(attempt.resultCode()).isEqualTo("0");
				}
				if (!refused && MONEY.contains(kind) && before != PAID) {
					moneyReported = true;
				}
				if (kind == Kind.RESOLVE_FAILED && !refused) {
					// A person decided (e.g. the money was sent back).
					moneyReported = false;
				}
				if (moneyReported) {
					assertThat(attempt.state()).as("money M-Pesa reported").isIn(PAID, NEEDS_REVIEW);
				}
			}
		});
	}

	/** The table in AttemptState is the one architecture.md draws (plus late money). */
	@Test
	void theStatesTableIsTheDocumentedOne() {
		for (AttemptState from : AttemptState.values()) {
			for (AttemptState to : AttemptState.values()) {
				assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(ALLOWED.get(from).contains(to));
			}
		}
	}

	@Test
	void property28_aCancelledPromptFailsWithTheClientsReasonAndOnlyMoneyRevivesIt() {
		Instant now = Instant.parse("2026-11-27T06:00:00Z");
		PaymentAttempt attempt = fresh(now);
		attempt.accepted(new MerchantRequestId("m-1"), new CheckoutRequestId("ws_CO_1"), now);
		attempt.failed(DarajaCodes.result("1032"), "Request cancelled by user", now);
		assertThat(attempt.state()).isEqualTo(FAILED);
		assertThat(attempt.reason()).contains("cancelled");
		assertThatThrownBy(() -> attempt.failed(DarajaCodes.result("1037"), "Timeout", now))
			.isInstanceOf(MalipoException.class);
		assertThatThrownBy(() -> attempt.stillPending("pending", now)).isInstanceOf(MalipoException.class);
		assertThat(attempt.drainChanges().steps()).extracting(PaymentStep::kind)
			.contains(HistoryKind.DARAJA_ACCEPTED, HistoryKind.FAILED);

		// Issue 9: M-Pesa's later proof of payment is never dropped.
		attempt.paid(new MpesaReceipt("TAB1CD2EF3"), 2000, now.plusSeconds(60));
		assertThat(attempt.state()).isEqualTo(PAID);
		assertThat(attempt.drainChanges().steps()).extracting(PaymentStep::kind).contains(HistoryKind.LATE_MONEY);
	}

	/**
	 * Issue 9: 4999 "still under processing" was an unknown code and failed the payment
	 * while the customer was still typing the PIN. Neither it nor any unknown code can
	 * fail an attempt.
	 */
	@Test
	void pendingAndUnknownCodesNeverFailAnAttempt() {
		Instant now = Instant.parse("2026-11-27T06:00:00Z");
		for (String code : List.of("4999", "77777", "SFC_NEW01")) {
			PaymentAttempt attempt = fresh(now);
			attempt.accepted(new MerchantRequestId("m-1"), new CheckoutRequestId("ws_CO_1"), now);
			assertThatThrownBy(() -> attempt.failed(DarajaCodes.result(code), "whatever", now)).as(code)
				.isInstanceOf(IllegalArgumentException.class);
			assertThat(attempt.state()).isEqualTo(AWAITING_CUSTOMER);
		}
	}

	@Test
	void aQueryProvesPaymentAndTheReceiptFollows() {
		Instant now = Instant.parse("2026-11-27T06:00:00Z");
		PaymentAttempt attempt = fresh(now);
		attempt.accepted(new MerchantRequestId("m-1"), new CheckoutRequestId("ws_CO_1"), now);
		attempt.paidReceiptToFollow(now.plusSeconds(30));
		assertThat(attempt.state()).isEqualTo(PAID);
		assertThat(attempt.receipt()).isNull();
		assertThat(attempt.nextCheckAt()).isEqualTo(now.plus(Duration.ofMinutes(2)));
		assertThat(attempt.drainChanges().event()).get()
			.isInstanceOfSatisfying(PaymentEvent.PaymentConfirmed.class,
					(confirmed) -> assertThat(confirmed.payment().receipt()).isNull());
		attempt.receiptStillMissing("not in Pull yet", now.plus(Duration.ofMinutes(2)));
		assertThat(attempt.nextCheckAt()).isEqualTo(now.plus(Duration.ofMinutes(10)));
		attempt.receiptFound(new MpesaReceipt("TAB1CD2EF3"), "pull", now.plus(Duration.ofMinutes(10)));
		assertThat(attempt.receipt()).isEqualTo(new MpesaReceipt("TAB1CD2EF3"));
		assertThat(attempt.nextCheckAt()).isNull();
		assertThat(attempt.drainChanges().event()).get().isInstanceOf(PaymentEvent.ReceiptFound.class);
		assertThatThrownBy(() -> attempt.receiptFound(new MpesaReceipt("TXX1CD2EF3"), "pull", now))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void unansweredAttemptsAreQueriedOnTheScheduleThenReviewedAfter24Hours() {
		Instant start = Instant.parse("2026-11-27T06:00:00Z");
		PaymentAttempt attempt = fresh(start);
		attempt.accepted(new MerchantRequestId("m-1"), new CheckoutRequestId("ws_CO_1"), start);
		assertThat(attempt.nextCheckAt()).isEqualTo(start.plusSeconds(30));
		List<Duration> expected = List.of(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1),
				Duration.ofHours(6), Duration.ofHours(24));
		for (Duration next : expected) {
			attempt.stillPending("The transaction is being processed", attempt.nextCheckAt());
			assertThat(attempt.nextCheckAt()).isEqualTo(start.plus(next));
		}
		attempt.stillPending("The transaction is being processed", start.plus(Duration.ofHours(24)));
		assertThat(attempt.state()).isEqualTo(NEEDS_REVIEW);
		assertThat(attempt.drainChanges().event()).get().isInstanceOf(PaymentEvent.PaymentOutcomeUnknown.class);
	}

	private static void apply(PaymentAttempt attempt, Kind kind, Instant now, int step) {
		switch (kind) {
			case ACCEPT ->
				attempt.accepted(new MerchantRequestId("m-" + step), new CheckoutRequestId("ws_CO_" + step), now);
			case REJECT -> attempt.rejected(DarajaCodes.error(400, "400.002.02", "Bad Request - Invalid PhoneNumber"),
					"Bad Request - Invalid PhoneNumber", now);
			case AMBIGUOUS -> attempt.ambiguous("Timed out after sending", now);
			case CALLBACK_PAID ->
				attempt.paid(new MpesaReceipt("TA" + String.format("%08d", step)), PRICE.shillings(), now);
			case CALLBACK_WRONG_AMOUNT -> attempt.paid(new MpesaReceipt("TW" + String.format("%08d", step)), 1, now);
			case CALLBACK_CANCELLED -> attempt.failed(DarajaCodes.result("1032"), "Request cancelled by user", now);
			case QUERY_PENDING -> attempt.stillPending("The transaction is being processed", now);
			case QUERY_BUSY_AS_FAILURE ->
				attempt.failed(DarajaCodes.error(500, "500.001.1001", "The transaction is being processed"),
						"being processed", now);
			case QUERY_STILL_PROCESSING_AS_FAILURE ->
				attempt.failed(DarajaCodes.result("4999"), "The transaction is still under processing", now);
			case UNKNOWN_CODE_AS_FAILURE -> attempt.failed(DarajaCodes.result("31337"), "Something new", now);
			case QUERY_PAID -> attempt.paidReceiptToFollow(now);
			case RECEIPT_FOUND ->
				attempt.receiptFound(new MpesaReceipt("TF" + String.format("%08d", step)), "pull", now);
			case REVIEW -> attempt.needsReview("Checked by hand", now);
			case RESOLVE_PAID ->
				attempt.settledAsPaid(new MpesaReceipt("TR" + String.format("%08d", step)), "Statement shows it", now);
			case RESOLVE_FAILED -> attempt.settledAsFailed("M-Pesa says it failed", now);
			case RESOLVE_WITHOUT_REASON -> attempt.settledAsFailed(" ", now);
		}
	}

}
