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
import ke.malipo.payments.PaymentEvent;
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
 * (Daraja's answers, callbacks duplicated and reordered, wrong amounts, queries, reviews)
 * never leaves the states of architecture.md, never fails on a guess, and never pays
 * without a receipt and the exact amount (Properties 21, 23, 28, 30, 75).
 */
class PaymentAttemptStateMachineTest {

	private static final Map<AttemptState, Set<AttemptState>> ALLOWED = Map.of(INITIATED,
			Set.of(AWAITING_CUSTOMER, FAILED, UNKNOWN), AWAITING_CUSTOMER, Set.of(PAID, FAILED, NEEDS_REVIEW), UNKNOWN,
			Set.of(PAID, FAILED, NEEDS_REVIEW), NEEDS_REVIEW, Set.of(PAID, FAILED), PAID, Set.of(), FAILED, Set.of());

	private static final Kes PRICE = Kes.of(2000);

	enum Kind {

		ACCEPT, REJECT, AMBIGUOUS, CALLBACK_PAID, CALLBACK_WRONG_AMOUNT, CALLBACK_CANCELLED, QUERY_PENDING,
		QUERY_BUSY_AS_FAILURE, REVIEW, RESOLVE_PAID, RESOLVE_FAILED, RESOLVE_WITHOUT_REASON

	}

	private static Gen<List<Kind>> sequences() {
		return lists().of(integers().between(0, Kind.values().length - 1).map((i) -> Kind.values()[i]))
			.ofSizeBetween(1, 30);
	}

	private static PaymentAttempt fresh(Instant now) {
		PaymentAttempt attempt = PaymentAttempt.initiate(PaymentId.random(), SessionId.random(), UserId.random(),
				UserId.random(), PRICE, Msisdn.parse("0712345678"), now);
		attempt.drainEvents();
		return attempt;
	}

	@Test
	void randomInterleavingsKeepEveryInvariant() {
		qt().withExamples(2000).withFixedSeed(4L).forAll(sequences()).checkAssert((kinds) -> {
			Instant now = Instant.parse("2026-11-27T06:00:00Z");
			PaymentAttempt attempt = fresh(now);
			int step = 0;
			for (Kind kind : kinds) {
				now = now.plus(Duration.ofSeconds(40));
				AttemptState before = attempt.state();
				String receiptBefore = attempt.receipt();
				boolean refused = false;
				try {
					apply(attempt, kind, now, ++step);
				}
				catch (MalipoException | IllegalArgumentException ex) {
					refused = true;
				}
				List<PaymentEvent> events = attempt.drainEvents();
				if (refused) {
					assertThat(attempt.state()).isEqualTo(before);
					assertThat(events).isEmpty();
				}
				if (attempt.state() != before) {
					assertThat(ALLOWED.get(before)).contains(attempt.state());
				}
				if (before.isFinal()) {
					// Property 75: duplicates and late answers change nothing.
					assertThat(attempt.state()).isEqualTo(before);
					assertThat(attempt.receipt()).isEqualTo(receiptBefore);
				}
				if (attempt.state() == FAILED && before != FAILED) {
					assertThat(kind).isIn(Kind.REJECT, Kind.CALLBACK_CANCELLED, Kind.RESOLVE_FAILED);
					// Property 30: the failure reason is kept.
					assertThat(attempt.reason()).isNotBlank();
				}
				if (attempt.state() == PAID && before != PAID) {
					assertThat(kind).isIn(Kind.CALLBACK_PAID, Kind.RESOLVE_PAID);
					assertThat(events).singleElement().isInstanceOf(PaymentEvent.PaymentConfirmed.class);
				}
				if (kind == Kind.CALLBACK_WRONG_AMOUNT && before != PAID) {
					assertThat(attempt.state()).isNotEqualTo(PAID);
				}
				if (attempt.state() == PAID) {
					// Property 23: a confirmed payment stores its M-Pesa transaction id.
					assertThat(attempt.receipt()).isNotBlank();
				}
			}
		});
	}

	@Test
	void property28_aCancelledPromptFailsWithTheClientsReasonAndIsFinal() {
		Instant now = Instant.parse("2026-11-27T06:00:00Z");
		PaymentAttempt attempt = fresh(now);
		attempt.accepted("m-1", "ws_CO_1", now);
		attempt.failed(DarajaCodes.result("1032"), "Request cancelled by user", now);
		assertThat(attempt.state()).isEqualTo(FAILED);
		assertThat(attempt.reason()).contains("cancelled");
		assertThatThrownBy(() -> attempt.paid("TAB1CD2EF3", 2000, now)).isInstanceOf(MalipoException.class);
		assertThat(attempt.drainHistory()).extracting(PaymentAttempt.HistoryEntry::kind)
			.contains("INITIATED", "DARAJA_ACCEPTED", "FAILED");
	}

	@Test
	void unansweredAttemptsAreQueriedOnTheScheduleThenReviewedAfter24Hours() {
		Instant start = Instant.parse("2026-11-27T06:00:00Z");
		PaymentAttempt attempt = fresh(start);
		attempt.accepted("m-1", "ws_CO_1", start);
		assertThat(attempt.nextCheckAt()).isEqualTo(start.plusSeconds(30));
		List<Duration> expected = List.of(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1),
				Duration.ofHours(6), Duration.ofHours(24));
		for (Duration next : expected) {
			attempt.stillPending("The transaction is being processed", attempt.nextCheckAt());
			assertThat(attempt.nextCheckAt()).isEqualTo(start.plus(next));
		}
		attempt.stillPending("The transaction is being processed", start.plus(Duration.ofHours(24)));
		assertThat(attempt.state()).isEqualTo(NEEDS_REVIEW);
		assertThat(attempt.drainEvents()).last().isInstanceOf(PaymentEvent.PaymentOutcomeUnknown.class);
	}

	private static void apply(PaymentAttempt attempt, Kind kind, Instant now, int step) {
		switch (kind) {
			case ACCEPT -> attempt.accepted("m-" + step, "ws_CO_" + step, now);
			case REJECT -> attempt.rejected(DarajaCodes.error(400, "400.002.02", "Bad Request - Invalid PhoneNumber"),
					"Bad Request - Invalid PhoneNumber", now);
			case AMBIGUOUS -> attempt.ambiguous("Timed out after sending", now);
			case CALLBACK_PAID -> attempt.paid("TA" + String.format("%08d", step), PRICE.shillings(), now);
			case CALLBACK_WRONG_AMOUNT -> attempt.paid("TW" + String.format("%08d", step), 1, now);
			case CALLBACK_CANCELLED -> attempt.failed(DarajaCodes.result("1032"), "Request cancelled by user", now);
			case QUERY_PENDING -> attempt.stillPending("The transaction is being processed", now);
			case QUERY_BUSY_AS_FAILURE ->
				attempt.failed(DarajaCodes.error(500, "500.001.1001", "The transaction is being processed"),
						"being processed", now);
			case REVIEW -> attempt.needsReview("Checked by hand", now);
			case RESOLVE_PAID -> attempt.resolve(true, "TR" + String.format("%08d", step), "Statement shows it", now);
			case RESOLVE_FAILED -> attempt.resolve(false, null, "M-Pesa says it failed", now);
			case RESOLVE_WITHOUT_REASON -> attempt.resolve(false, null, " ", now);
		}
	}

}
