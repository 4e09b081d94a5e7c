package ke.malipo.booking.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import ke.malipo.booking.PayableSession;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionPayments;
import ke.malipo.booking.SessionStatus;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserId;
import ke.malipo.common.money.MpesaReceipt;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Booking's side of paying for a session; see {@link SessionPayments}. */
@Service
class SessionPaymentsService implements SessionPayments {

	private final SessionRepository sessions;

	private final SessionEvents events;

	private final Clock clock;

	SessionPaymentsService(SessionRepository sessions, SessionEvents events, Clock clock) {
		this.sessions = sessions;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public PayableSession payable(SessionId id, UserId client) {
		Session session = this.sessions.findById(id)
			.filter((candidate) -> candidate.clientId().equals(client))
			.orElseThrow(Bookings::notFound);
		session.checkPayable(this.clock.instant());
		return new PayableSession(session.id(), session.clientId(), session.psychologistId(), session.amount(),
				session.scheduledAt(), Objects.requireNonNull(session.payBy()));
	}

	@Override
	@Transactional(readOnly = true)
	public boolean isVisibleTo(SessionId id, CurrentUser viewer) {
		return this.sessions.findById(id).filter((session) -> Bookings.canSee(viewer, session)).isPresent();
	}

	@Override
	@Transactional
	public void recordPaymentStarted(SessionId id, PaymentStarted payment) {
		Session session = load(id);
		session.paymentStarted(payment.attemptId(), payment.checkoutRequestId(), payment.merchantRequestId(),
				payment.amount(), payment.phone().value(), payment.initiatedAt());
		save(session);
	}

	@Override
	@Transactional
	public ConfirmOutcome confirmPaid(SessionId id, PaymentProof proof) {
		Session session = load(id);
		if (session.status() == SessionStatus.CONFIRMED || session.status() == SessionStatus.COMPLETED) {
			return proof.attemptId().equals(session.payment().attemptId()) ? ConfirmOutcome.done()
					: ConfirmOutcome
						.refused("The session is already paid" + ((session.payment().receiptNumber() != null)
								? " with receipt " + session.payment().receiptNumber() : "") + ".");
		}
		if (session.status() != SessionStatus.APPROVED) {
			return ConfirmOutcome.refused(
					"The session is " + session.status().name().toLowerCase(Locale.ROOT) + "; its slot may be gone.");
		}
		if (!session.amount().equals(proof.amount())) {
			return ConfirmOutcome
				.refused("M-Pesa reports " + proof.amount() + " for a session of " + session.amount() + ".");
		}
		session.confirmPaid(proof.attemptId(), proof.checkoutRequestId(), proof.receipt(), proof.amount(),
				proof.verifiedAt());
		save(session);
		return ConfirmOutcome.done();
	}

	@Override
	@Transactional
	public void attachReceipt(SessionId id, UUID attemptId, MpesaReceipt receipt) {
		Session session = load(id);
		if (session.receiptFound(attemptId, receipt, this.clock.instant())) {
			save(session);
		}
	}

	@Override
	@Transactional
	public void recordPaymentFailed(SessionId id, PaymentFailure failure) {
		Session session = load(id);
		session.paymentFailed(failure.attemptId(), failure.resultCode(), failure.resultDescription(),
				failure.failedAt());
		save(session);
	}

	private Session load(SessionId id) {
		return this.sessions.findById(id).orElseThrow(Bookings::notFound);
	}

	private void save(Session session) {
		this.sessions.update(session);
		this.events.publish(session);
	}

}
