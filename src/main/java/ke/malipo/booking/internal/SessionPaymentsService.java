package ke.malipo.booking.internal;

import java.time.Clock;
import java.util.Objects;

import ke.malipo.booking.PayableSession;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionPayments;
import ke.malipo.identity.UserId;

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
	@Transactional
	public void recordPaymentStarted(SessionId id, PaymentStarted payment) {
		Session session = load(id);
		session.paymentStarted(payment.checkoutRequestId(), payment.merchantRequestId(), payment.amount(),
				payment.phone().value(), payment.initiatedAt());
		save(session);
	}

	@Override
	@Transactional
	public void confirmPaid(SessionId id, PaymentProof proof) {
		Session session = load(id);
		session.confirmPaid(proof.checkoutRequestId(), proof.mpesaReceiptNumber(), proof.amount(), proof.verifiedAt());
		save(session);
	}

	@Override
	@Transactional
	public void recordPaymentFailed(SessionId id, PaymentFailure failure) {
		Session session = load(id);
		session.paymentFailed(failure.checkoutRequestId(), failure.resultCode(), failure.resultDescription(),
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
