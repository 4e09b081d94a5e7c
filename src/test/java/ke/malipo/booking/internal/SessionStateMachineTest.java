package ke.malipo.booking.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ke.malipo.booking.PaymentStatus;
import ke.malipo.booking.SessionEvent;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.UserId;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static ke.malipo.booking.SessionStatus.APPROVED;
import static ke.malipo.booking.SessionStatus.CANCELLED;
import static ke.malipo.booking.SessionStatus.COMPLETED;
import static ke.malipo.booking.SessionStatus.CONFIRMED;
import static ke.malipo.booking.SessionStatus.DECLINED;
import static ke.malipo.booking.SessionStatus.EXPIRED;
import static ke.malipo.booking.SessionStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The session's life as a state machine: random sequences of every command a session can
 * receive, with time moving between them, never reach an illegal state, and a pending
 * session can never be paid (Property 5).
 */
class SessionStateMachineTest {

	private static final Map<SessionStatus, Set<SessionStatus>> ALLOWED = Map.of(PENDING,
			Set.of(APPROVED, DECLINED, CANCELLED, EXPIRED), APPROVED, Set.of(CONFIRMED, CANCELLED, EXPIRED), CONFIRMED,
			Set.of(COMPLETED), COMPLETED, Set.of(), DECLINED, Set.of(), CANCELLED, Set.of(), EXPIRED, Set.of());

	private static final BookingSettings SETTINGS = new BookingSettings(Duration.ofHours(24), Duration.ofHours(2),
			Duration.ofHours(3), Duration.ofDays(180), 50, Duration.ofMinutes(1), 5, 2, null,
			java.nio.file.Path.of("unused"), Duration.ofHours(24));

	private static final Kes PRICE = Kes.of(1500);

	private static final UserId CLIENT = UserId.random();

	private static final UUID A1 = UUID.randomUUID();

	private static final UUID A2 = UUID.randomUUID();

	private static final UserId PSYCHOLOGIST = UserId.random();

	enum Kind {

		APPROVE, DECLINE, CANCEL_BY_CLIENT, CANCEL_BY_PSYCHOLOGIST, EXPIRE, COMPLETE, PAYMENT_STARTED, PAYMENT_FAILED,
		CONFIRM_PAID, CONFIRM_WRONG_AMOUNT, WAIT

	}

	record Command(Kind kind, int hours) {
	}

	private static Gen<List<Command>> commandSequences() {
		Gen<Command> command = integers().between(0, Kind.values().length - 1)
			.zip(integers().between(0, 40), (kind, hours) -> new Command(Kind.values()[kind], hours));
		return lists().of(command).ofSizeBetween(1, 25);
	}

	@Test
	void randomCommandSequencesNeverReachAnIllegalState() {
		qt().withExamples(1000).withFixedSeed(20261127L).forAll(commandSequences()).checkAssert((commands) -> {
			Instant now = Instant.parse("2026-11-27T06:00:00Z");
			Session session = Session.request(SessionId.random(), CLIENT, PSYCHOLOGIST, now.plus(Duration.ofHours(72)),
					50, null, PRICE, now);
			session.drainEvents();
			int attempt = 0;
			for (Command command : commands) {
				SessionStatus before = session.status();
				PaymentStatus paymentBefore = session.payment().status();
				if (command.kind() == Kind.WAIT) {
					now = now.plus(Duration.ofHours(command.hours()));
					continue;
				}
				boolean refused = false;
				try {
					apply(session, command, now, "ws_CO_" + (++attempt));
				}
				catch (MalipoException | IllegalArgumentException ex) {
					refused = true;
				}
				List<SessionEvent> events = session.drainEvents();
				if (refused) {
					assertThat(session.status()).isEqualTo(before);
					assertThat(session.payment().status()).isEqualTo(paymentBefore);
					assertThat(events).isEmpty();
				}
				if (session.status() != before) {
					assertThat(ALLOWED.get(before)).contains(session.status());
					assertThat(events).hasSize(1);
				}
				if (before == PENDING) {
					// Property 5: Pending Sessions Block Payment.
					assertThat(session.payment().status()).isEqualTo(PaymentStatus.UNPAID);
					assertThat(session.status()).isNotEqualTo(CONFIRMED);
				}
				assertInvariants(session);
			}
		});
	}

	@Test
	void property5_pendingSessionsBlockPayment() {
		qt().withExamples(200).withFixedSeed(5L).forAll(integers().between(4, 2000)).checkAssert((hoursAhead) -> {
			Instant now = Instant.parse("2026-11-27T06:00:00Z");
			Session session = Session.request(SessionId.random(), CLIENT, PSYCHOLOGIST,
					now.plus(Duration.ofHours(hoursAhead)), 50, null, PRICE, now);
			assertThatThrownBy(() -> session.checkPayable(now)).isInstanceOf(MalipoException.class)
				.extracting((ex) -> ((MalipoException) ex).code())
				.isEqualTo("SESSION_NOT_PAYABLE");
			assertThatThrownBy(() -> session.paymentStarted(A1, "ws_CO_1", "m-1", PRICE, "254712345678", now))
				.isInstanceOf(MalipoException.class);
			assertThatThrownBy(() -> session.confirmPaid(A1, "ws_CO_1", new MpesaReceipt("TAB1CD2EF3"), PRICE, now))
				.isInstanceOf(MalipoException.class);
			assertThat(session.status()).isEqualTo(PENDING);
			assertThat(session.payment().status()).isEqualTo(PaymentStatus.UNPAID);
		});
	}

	@Test
	void refusalNamesBothStates() {
		Instant now = Instant.parse("2026-11-27T06:00:00Z");
		Session session = Session.request(SessionId.random(), CLIENT, PSYCHOLOGIST, now.plus(Duration.ofHours(72)), 50,
				null, PRICE, now);
		session.decline("Fully booked", now);
		assertThatThrownBy(() -> session.approve(now.plus(Duration.ofHours(24)), now))
			.isInstanceOfSatisfying(IllegalTransitionException.class, (ex) -> {
				assertThat(ex.properties()).containsEntry("from", "DECLINED").containsEntry("to", "APPROVED");
				assertThat(ex.getMessage()).contains("declined").contains("approved");
			});
	}

	@Test
	void failedPaymentLeavesTheSessionApprovedAndPayableAgain() {
		Instant now = Instant.parse("2026-11-27T06:00:00Z");
		Session session = Session.request(SessionId.random(), CLIENT, PSYCHOLOGIST, now.plus(Duration.ofHours(72)), 50,
				null, PRICE, now);
		session.approve(SETTINGS.payBy(now, session.scheduledAt()), now);
		session.paymentStarted(A1, "ws_CO_1", "m-1", PRICE, "254700000001", now);
		session.paymentFailed(A1, "1032", "Request cancelled by user", now);
		assertThat(session.status()).isEqualTo(APPROVED);
		assertThat(session.payment().status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(session.payment().resultDescription()).isEqualTo("Request cancelled by user");
		session.checkPayable(now);
		session.paymentStarted(A2, "ws_CO_2", "m-2", PRICE, "254700000000", now);
		session.confirmPaid(A2, "ws_CO_2", new MpesaReceipt("TAB1CD2EF3"), PRICE, now);
		assertThat(session.status()).isEqualTo(CONFIRMED);
		assertThat(session.payment().receiptNumber()).isEqualTo(new MpesaReceipt("TAB1CD2EF3"));
	}

	@Test
	void anApprovedSessionDoesNotExpireWhileItsPaymentIsProcessing() {
		Instant now = Instant.parse("2026-11-27T06:00:00Z");
		Session session = Session.request(SessionId.random(), CLIENT, PSYCHOLOGIST, now.plus(Duration.ofHours(72)), 50,
				null, PRICE, now);
		session.approve(SETTINGS.payBy(now, session.scheduledAt()), now);
		session.paymentStarted(A1, "ws_CO_1", "m-1", PRICE, "254700000009", now);
		Instant late = now.plus(Duration.ofHours(30));
		assertThat(session.isDueToExpire(late)).isFalse();
		session.paymentFailed(A1, "1037", "DS timeout user cannot be reached", late);
		assertThat(session.isDueToExpire(late)).isTrue();
	}

	@Test
	void payByIsTheWindowButNeverLaterThanTheCutoffBeforeTheStart() {
		Instant approved = Instant.parse("2026-11-27T06:00:00Z");
		assertThat(SETTINGS.payBy(approved, approved.plus(Duration.ofDays(3))))
			.isEqualTo(approved.plus(Duration.ofHours(24)));
		assertThat(SETTINGS.payBy(approved, approved.plus(Duration.ofHours(10))))
			.isEqualTo(approved.plus(Duration.ofHours(8)));
	}

	private static void apply(Session session, Command command, Instant now, String checkout) {
		switch (command.kind()) {
			case APPROVE -> session.approve(SETTINGS.payBy(now, session.scheduledAt()), now);
			case DECLINE -> session.decline("No", now);
			case CANCEL_BY_CLIENT -> session.cancel(CLIENT, null, now);
			case CANCEL_BY_PSYCHOLOGIST -> session.cancel(PSYCHOLOGIST, "Ill", now);
			case EXPIRE -> session.expire(now);
			case COMPLETE -> session.complete(now);
			case PAYMENT_STARTED -> session.paymentStarted(UUID.nameUUIDFromBytes(checkout.getBytes()), checkout, "m",
					PRICE, "254712345678", now);
			case PAYMENT_FAILED ->
				session.paymentFailed(currentAttempt(session), "1032", "Request cancelled by user", now);
			case CONFIRM_PAID -> session.confirmPaid(currentAttempt(session), session.payment().checkoutRequestId(),
					new MpesaReceipt(String.format("R%09d", Math.floorMod(checkout.hashCode(), 1_000_000_000))), PRICE,
					now);
			case CONFIRM_WRONG_AMOUNT -> session.confirmPaid(currentAttempt(session),
					session.payment().checkoutRequestId(), new MpesaReceipt("XWRONG0001"), Kes.of(1), now);
			case WAIT -> {
			}
		}
	}

	private static UUID currentAttempt(Session session) {
		UUID attempt = session.payment().attemptId();
		return (attempt != null) ? attempt : new UUID(0, 0);
	}

	private static void assertInvariants(Session session) {
		if (session.status() == CONFIRMED || session.status() == COMPLETED) {
			assertThat(session.payment().status()).isEqualTo(PaymentStatus.PAID);
			assertThat(session.payment().receiptNumber()).isNotNull();
			assertThat(session.payment().amount()).isEqualTo(session.amount());
		}
		if (session.payment().status() == PaymentStatus.PAID) {
			assertThat(session.status()).isIn(CONFIRMED, COMPLETED);
		}
		if (session.status() == APPROVED || session.status() == CONFIRMED) {
			assertThat(session.payBy()).isNotNull();
		}
		if (session.status() == PENDING) {
			assertThat(session.payment().status()).isEqualTo(PaymentStatus.UNPAID);
		}
	}

}
