package ke.malipo.booking;

import java.time.Instant;

import ke.malipo.common.money.Kes;
import ke.malipo.identity.UserId;
import ke.malipo.common.money.MpesaReceipt;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a session, published after the change is committed. Other modules
 * (notifications, audit, insights) listen; each event carries ids and the few facts a
 * listener needs, never the whole session.
 */
public sealed interface SessionEvent {

	SessionId sessionId();

	Instant occurredAt();

	/** A client asked for a session of {@code durationMinutes} at {@code scheduledAt}. */
	record Requested(SessionId sessionId, UserId clientId, UserId psychologistId, Instant scheduledAt,
			int durationMinutes, Kes amount, Instant occurredAt) implements SessionEvent {
	}

	/** Approved: the client should now pay {@code amount} before {@code payBy}. */
	record Approved(SessionId sessionId, UserId clientId, UserId psychologistId, Instant scheduledAt, Kes amount,
			Instant payBy, Instant occurredAt) implements SessionEvent {
	}

	record Declined(SessionId sessionId, UserId clientId, @Nullable String reason,
			Instant occurredAt) implements SessionEvent {
	}

	record Cancelled(SessionId sessionId, UserId clientId, UserId psychologistId, UserId cancelledBy,
			@Nullable String reason, Instant occurredAt) implements SessionEvent {
	}

	/**
	 * Not approved before it started, or not paid by its deadline; the slot is free
	 * again.
	 */
	record Expired(SessionId sessionId, UserId clientId, SessionStatus expiredFrom,
			Instant occurredAt) implements SessionEvent {
	}

	/**
	 * Paid and confirmed; the receipt is null when M-Pesa's query proved the payment (it
	 * follows, see payments' {@code ReceiptFound}).
	 */
	record Confirmed(SessionId sessionId, UserId clientId, UserId psychologistId, Instant scheduledAt, Kes amount,
			@Nullable MpesaReceipt receipt, Instant occurredAt) implements SessionEvent {
	}

	record Completed(SessionId sessionId, Instant occurredAt) implements SessionEvent {
	}

	/**
	 * Moved from one time to another by {@code by} (the client or the psychologist); the
	 * status is unchanged ({@code status}), and an unpaid approved session has a new
	 * {@code payBy}; {@code moves} counts this move too.
	 */
	record Rescheduled(SessionId sessionId, UserId clientId, UserId psychologistId, Instant from, Instant to,
			int durationMinutes, UserId by, SessionStatus status, Kes amount, @Nullable Instant payBy, int moves,
			Instant occurredAt) implements SessionEvent {
	}

}
