package ke.malipo.booking.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ke.malipo.booking.SessionEvent;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.common.money.Kes;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

/**
 * What a therapy session holds: its fixed terms, where its life stands, its current
 * payment, the events it registered, with the checks every transition shares.
 * {@link Session} says how it changes.
 */
public abstract sealed class SessionRecord permits Session {

	final SessionId id;

	final UserId clientId;

	final UserId psychologistId;

	/** Moves when the session is rescheduled. */
	Instant scheduledAt;

	final int durationMinutes;

	final @Nullable String notes;

	final Kes amount;

	final Instant createdAt;

	SessionStatus status;

	@Nullable Instant approvedAt;

	@Nullable Instant payBy;

	@Nullable String declineReason;

	@Nullable String cancelReason;

	@Nullable UserId cancelledBy;

	SessionPayment payment;

	Instant updatedAt;

	private final int version;

	/** How often the session moved to another time (its calendar event's sequence). */
	int moves;

	final List<SessionEvent> events = new ArrayList<>();

	SessionRecord(SessionId id, UserId clientId, UserId psychologistId, Instant scheduledAt, int durationMinutes,
			@Nullable String notes, Kes amount, SessionStatus status, @Nullable Instant approvedAt,
			@Nullable Instant payBy, @Nullable String declineReason, @Nullable String cancelReason,
			@Nullable UserId cancelledBy, SessionPayment payment, Instant createdAt, Instant updatedAt, int version) {
		this.id = id;
		this.clientId = clientId;
		this.psychologistId = psychologistId;
		this.scheduledAt = scheduledAt;
		this.durationMinutes = durationMinutes;
		this.notes = notes;
		this.amount = amount;
		this.status = status;
		this.approvedAt = approvedAt;
		this.payBy = payBy;
		this.declineReason = declineReason;
		this.cancelReason = cancelReason;
		this.cancelledBy = cancelledBy;
		this.payment = payment;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
		this.version = version;
	}

	/** The events registered since the session was loaded, handed over once. */
	public List<SessionEvent> drainEvents() {
		List<SessionEvent> drained = List.copyOf(this.events);
		this.events.clear();
		return drained;
	}

	public boolean isVisibleTo(UserId user) {
		return this.clientId.equals(user) || this.psychologistId.equals(user);
	}

	public boolean overlaps(Instant start, Duration length) {
		Instant end = start.plus(length);
		return this.scheduledAt.isBefore(end) && endsAt().isAfter(start);
	}

	public Instant endsAt() {
		return this.scheduledAt.plus(Duration.ofMinutes(this.durationMinutes));
	}

	final void require(SessionStatus expected, SessionStatus target) {
		if (this.status != expected) {
			throw new IllegalTransitionException(this.status, target);
		}
	}

	final void requireAmount(Kes paying) {
		if (!paying.equals(this.amount)) {
			throw new BookingFailures.AmountMismatch(paying, this.amount);
		}
	}

	public SessionId id() {
		return this.id;
	}

	public UserId clientId() {
		return this.clientId;
	}

	public UserId psychologistId() {
		return this.psychologistId;
	}

	public Instant scheduledAt() {
		return this.scheduledAt;
	}

	public int durationMinutes() {
		return this.durationMinutes;
	}

	public @Nullable String notes() {
		return this.notes;
	}

	/**
	 * The notes as this person may see them: health information the client wrote for
	 * their psychologist, so only those two read it; admins and everyone else get none.
	 */
	public @Nullable String notesFor(UserId viewer) {
		return (viewer.equals(this.clientId) || viewer.equals(this.psychologistId)) ? this.notes : null;
	}

	public Kes amount() {
		return this.amount;
	}

	public SessionStatus status() {
		return this.status;
	}

	public @Nullable Instant approvedAt() {
		return this.approvedAt;
	}

	public @Nullable Instant payBy() {
		return this.payBy;
	}

	public @Nullable String declineReason() {
		return this.declineReason;
	}

	public @Nullable String cancelReason() {
		return this.cancelReason;
	}

	public @Nullable UserId cancelledBy() {
		return this.cancelledBy;
	}

	public SessionPayment payment() {
		return this.payment;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public int version() {
		return this.version;
	}

	public int moves() {
		return this.moves;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SessionRecord session && session.id.equals(this.id);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(this.id);
	}

}
