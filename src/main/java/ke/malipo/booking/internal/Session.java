package ke.malipo.booking.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import ke.malipo.booking.PaymentStatus;
import ke.malipo.booking.SessionEvent;
import ke.malipo.booking.SessionAlreadyPaid;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionNotPayable;
import ke.malipo.booking.SessionPaymentInProgress;
import ke.malipo.booking.SessionStatus;
import ke.malipo.common.money.Kes;
import ke.malipo.identity.UserId;
import ke.malipo.common.money.MpesaReceipt;
import org.jspecify.annotations.Nullable;

/**
 * A therapy session, the aggregate that owns its life. Every change goes through a method
 * here that checks the current state, refuses an illegal move naming both states, and
 * registers the event that tells the rest of Malipo. The rules that matter most for
 * money: a session is paid only while APPROVED, never while PENDING (Property 5);
 * CONFIRMED always means PAID, with its receipt or, when M-Pesa's query proved the
 * payment, the receipt to follow; a failed payment leaves it APPROVED and payable again.
 */
public final class Session extends SessionRecord {

	Session(SessionId id, UserId clientId, UserId psychologistId, Instant scheduledAt, int durationMinutes,
			@Nullable String notes, Kes amount, SessionStatus status, @Nullable Instant approvedAt,
			@Nullable Instant payBy, @Nullable String declineReason, @Nullable String cancelReason,
			@Nullable UserId cancelledBy, SessionPayment payment, Instant createdAt, Instant updatedAt, int version) {
		super(id, clientId, psychologistId, scheduledAt, durationMinutes, notes, amount, status, approvedAt, payBy,
				declineReason, cancelReason, cancelledBy, payment, createdAt, updatedAt, version);
	}

	/**
	 * A client asks for a session; the amount is the psychologist's rate at this moment.
	 */
	public static Session request(SessionId id, UserId client, UserId psychologist, Instant scheduledAt,
			int durationMinutes, @Nullable String notes, Kes amount, Instant now) {
		if (!scheduledAt.isAfter(now)) {
			throw new IllegalArgumentException("A session must start in the future");
		}
		if (amount.isZero()) {
			throw new IllegalArgumentException("A session must cost something");
		}
		Session session = new Session(id, client, psychologist, scheduledAt, durationMinutes, notes, amount,
				SessionStatus.PENDING, null, null, null, null, null, SessionPayment.unpaid(), now, now, 0);
		session.events
			.add(new SessionEvent.Requested(id, client, psychologist, scheduledAt, durationMinutes, amount, now));
		return session;
	}

	/** The psychologist accepts; the client must pay before {@code payBy}. */
	public void approve(Instant payBy, Instant now) {
		require(SessionStatus.PENDING, SessionStatus.APPROVED);
		if (!this.scheduledAt.isAfter(now)) {
			throw new IllegalTransitionException(this.status, SessionStatus.APPROVED,
					"This session has already started, so it can no longer be approved.");
		}
		if (!payBy.isAfter(now)) {
			throw new BookingFailures.PaymentWindowClosed();
		}
		this.status = SessionStatus.APPROVED;
		this.approvedAt = now;
		this.payBy = payBy;
		this.updatedAt = now;
		this.events.add(new SessionEvent.Approved(this.id, this.clientId, this.psychologistId, this.scheduledAt,
				this.amount, payBy, now));
	}

	public void decline(@Nullable String reason, Instant now) {
		require(SessionStatus.PENDING, SessionStatus.DECLINED);
		this.status = SessionStatus.DECLINED;
		this.declineReason = reason;
		this.updatedAt = now;
		this.events.add(new SessionEvent.Declined(this.id, this.clientId, reason, now));
	}

	/**
	 * Calls the session off. Not while an M-Pesa prompt is out (the money could still
	 * arrive), and not once paid: paid sessions need a refund, which is not offered
	 * online yet.
	 */
	public void cancel(UserId by, @Nullable String reason, Instant now) {
		if (this.status != SessionStatus.PENDING && this.status != SessionStatus.APPROVED) {
			String detail = (this.status == SessionStatus.CONFIRMED)
					? "This session is paid. Paid sessions cannot be cancelled online yet; contact support for a refund."
					: "This session is " + this.status.name().toLowerCase(Locale.ROOT) + ", so it cannot be cancelled.";
			throw new IllegalTransitionException(this.status, SessionStatus.CANCELLED, detail);
		}
		if (this.payment.status() == PaymentStatus.PROCESSING) {
			throw new SessionPaymentInProgress(
					"A payment for this session is in progress. Wait for it to finish before cancelling.");
		}
		this.status = SessionStatus.CANCELLED;
		this.cancelReason = reason;
		this.cancelledBy = by;
		this.updatedAt = now;
		this.events.add(new SessionEvent.Cancelled(this.id, this.clientId, this.psychologistId, by, reason, now));
	}

	/**
	 * Moves the session to another time. Before payment it moves freely (an approved one
	 * gets {@code newPayBy}); once paid only until {@code paidCutoff} before it starts;
	 * never while an M-Pesa prompt is out. Whether the new time is free and inside the
	 * psychologist's hours is checked by the caller, under the calendar's lock.
	 */
	public void reschedule(Instant to, UserId by, Instant newPayBy, Duration paidCutoff, Instant now) {
		if (this.status != SessionStatus.PENDING && this.status != SessionStatus.APPROVED
				&& this.status != SessionStatus.CONFIRMED) {
			throw new IllegalTransitionException(this.status, this.status, "This session is "
					+ this.status.name().toLowerCase(Locale.ROOT) + ", so it cannot be moved to another time.");
		}
		if (this.payment.status() == PaymentStatus.PROCESSING) {
			throw new SessionPaymentInProgress(
					"A payment for this session is in progress. Wait for it to finish before moving the session.");
		}
		if (this.status == SessionStatus.CONFIRMED && !now.isBefore(this.scheduledAt.minus(paidCutoff))) {
			throw new BookingFailures.TooLateToMove(paidCutoff);
		}
		if (!to.isAfter(now)) {
			throw new IllegalArgumentException("A session must move to the future");
		}
		Instant from = this.scheduledAt;
		this.scheduledAt = to;
		this.moves++;
		if (this.status == SessionStatus.APPROVED) {
			if (!newPayBy.isAfter(now)) {
				throw new BookingFailures.PaymentWindowClosed();
			}
			this.payBy = newPayBy;
		}
		this.updatedAt = now;
		this.events.add(new SessionEvent.Rescheduled(this.id, this.clientId, this.psychologistId, from, to,
				this.durationMinutes, by, this.status, this.amount,
				(this.status == SessionStatus.APPROVED) ? this.payBy : null, this.moves, now));
	}

	/** True when {@link #expire(Instant)} would expire the session at this time. */
	public boolean isDueToExpire(Instant now) {
		return switch (this.status) {
			case PENDING -> !this.scheduledAt.isAfter(now);
			case APPROVED ->
				this.payBy != null && !this.payBy.isAfter(now) && this.payment.status() != PaymentStatus.PROCESSING;
			default -> false;
		};
	}

	/**
	 * Releases a session nobody acted on in time: a request not approved before it
	 * starts, or an approved session unpaid at its deadline. Never while a payment is
	 * processing: the money may still arrive, and the outcome decides.
	 */
	public void expire(Instant now) {
		if (!isDueToExpire(now)) {
			throw new IllegalTransitionException(this.status, SessionStatus.EXPIRED,
					"This session is not due to expire.");
		}
		SessionStatus from = this.status;
		this.status = SessionStatus.EXPIRED;
		this.updatedAt = now;
		this.events.add(new SessionEvent.Expired(this.id, this.clientId, from, now));
	}

	public void complete(Instant now) {
		require(SessionStatus.CONFIRMED, SessionStatus.COMPLETED);
		if (now.isBefore(this.scheduledAt)) {
			throw new IllegalTransitionException(this.status, SessionStatus.COMPLETED,
					"A session can be marked completed only once it has started.");
		}
		this.status = SessionStatus.COMPLETED;
		this.updatedAt = now;
		this.events.add(new SessionEvent.Completed(this.id, now));
	}

	/** Whether the client may start paying now; the reason as a problem when not. */
	public void checkPayable(Instant now) {
		if (this.status == SessionStatus.CONFIRMED || this.status == SessionStatus.COMPLETED
				|| this.payment.status() == PaymentStatus.PAID) {
			throw new SessionAlreadyPaid();
		}
		if (this.status != SessionStatus.APPROVED) {
			String detail = (this.status == SessionStatus.PENDING)
					? "The psychologist has not approved this session yet. You can pay once it is approved."
					: "This session is " + this.status.name().toLowerCase(Locale.ROOT) + " and cannot be paid.";
			throw new SessionNotPayable(this.status, detail);
		}
		if (this.payBy != null && !this.payBy.isAfter(now)) {
			throw new SessionNotPayable(this.status, "The time to pay for this session has passed.");
		}
		if (this.payment.status() == PaymentStatus.PROCESSING) {
			throw new SessionPaymentInProgress("A payment for this session is already in progress. Check your phone.");
		}
	}

	/** Daraja accepted an STK push for this session: the session shows PROCESSING. */
	public void paymentStarted(UUID attempt, @Nullable String checkoutRequestId, @Nullable String merchantRequestId,
			Kes paying, String phone, Instant now) {
		if (this.payment.status() == PaymentStatus.PROCESSING && attempt.equals(this.payment.attemptId())) {
			return;
		}
		checkPayable(now);
		requireAmount(paying);
		this.payment = this.payment.started(attempt, checkoutRequestId, merchantRequestId, paying, phone, now);
		this.updatedAt = now;
	}

	/**
	 * The money is proven: APPROVED becomes CONFIRMED and PAID with the receipt. Refused
	 * for any other status, so a pending, declined or expired session is never marked
	 * paid here; a payment that arrives too late is the payments module's to flag for
	 * review.
	 */
	public void confirmPaid(UUID attempt, @Nullable String checkoutRequestId, @Nullable MpesaReceipt receipt, Kes paid,
			Instant now) {
		if (this.status == SessionStatus.CONFIRMED && attempt.equals(this.payment.attemptId())) {
			return;
		}
		require(SessionStatus.APPROVED, SessionStatus.CONFIRMED);
		if (this.payment.status() == PaymentStatus.PAID) {
			throw new SessionAlreadyPaid();
		}
		requireAmount(paid);
		this.status = SessionStatus.CONFIRMED;
		this.payment = this.payment.paid(attempt, checkoutRequestId, receipt, paid, now);
		this.updatedAt = now;
		this.events.add(new SessionEvent.Confirmed(this.id, this.clientId, this.psychologistId, this.scheduledAt,
				this.amount, receipt, now));
	}

	/**
	 * The receipt of a payment confirmed on M-Pesa's query (without one) arrived. True
	 * when it was attached: only to the attempt that paid, and only once.
	 */
	public boolean receiptFound(UUID attempt, MpesaReceipt receipt, Instant now) {
		if (this.payment.status() != PaymentStatus.PAID || !attempt.equals(this.payment.attemptId())
				|| this.payment.receiptNumber() != null) {
			return false;
		}
		this.payment = this.payment.withReceipt(receipt);
		this.updatedAt = now;
		return true;
	}

	/**
	 * The payment failed: the session stays APPROVED and shows FAILED with M-Pesa's
	 * reason.
	 */
	public void paymentFailed(UUID attempt, String resultCode, String resultDescription, Instant now) {
		if (this.payment.status() != PaymentStatus.PROCESSING || !attempt.equals(this.payment.attemptId())) {
			// A failure of an attempt that is not the current one changes nothing here.
			return;
		}
		this.payment = this.payment.failed(resultCode, resultDescription);
		this.updatedAt = now;
	}

}
