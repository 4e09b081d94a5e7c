package ke.malipo.booking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Psychologist;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The booking use cases, with who may do what: clients request and cancel their own
 * sessions; the assigned psychologist approves, declines, cancels and completes; admins
 * see everything and change nothing. A session someone may not see is "not found" to
 * them.
 */
@Service
public class Bookings {

	private final SessionRepository sessions;

	private final UserDirectory directory;

	private final SessionEvents events;

	private final BookingSettings settings;

	private final Schedules schedules;

	private final Clock clock;

	Bookings(SessionRepository sessions, UserDirectory directory, SessionEvents events, BookingSettings settings,
			Schedules schedules, Clock clock) {
		this.schedules = schedules;
		this.sessions = sessions;
		this.directory = directory;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	public Session request(CurrentUser client, UserId psychologistId, Instant scheduledAt,
			@Nullable Integer durationMinutes, @Nullable String notes) {
		if (!client.is(Role.CLIENT)) {
			throw new ForbiddenException("Only clients can book sessions.");
		}
		Psychologist psychologist = this.directory.psychologist(psychologistId)
			.orElseThrow(() -> new InvalidInputException("psychologistId", "is not a psychologist on Malipo"));
		Instant now = this.clock.instant();
		checkTime(scheduledAt, now);
		int duration = (durationMinutes != null) ? durationMinutes : this.settings.defaultDurationMinutes();
		Optional<Availability> hours = this.schedules.of(psychologist.id());
		if (!fits(hours, scheduledAt, Duration.ofMinutes(duration))) {
			throw new BookingFailures.OutsideHours(false);
		}
		checkOpenRequests(client.id(), psychologist.id());
		this.sessions.lockPsychologistCalendar(psychologist.id());
		if (this.sessions.hasOverlappingBooking(psychologist.id(), scheduledAt, Duration.ofMinutes(duration), null)) {
			throw new BookingFailures.SlotTaken(false);
		}
		Session session = Session.request(SessionId.random(), client.id(), psychologist.id(), scheduledAt, duration,
				notes, psychologist.sessionRate(), now);
		this.sessions.insert(session);
		if (hours.map(Availability::autoApprove).orElse(false)) {
			// The psychologist said yes in advance to any time inside their hours: the
			// client may pay at once.
			session.approve(this.settings.payBy(now, scheduledAt), now);
			this.sessions.update(session);
		}
		this.events.publish(session);
		return session;
	}

	/**
	 * A session's time, requested or moved to: far enough ahead to approve and pay, not
	 * further than one may book.
	 */
	private void checkTime(Instant at, Instant now) {
		if (at.isBefore(now.plus(this.settings.minimumNotice()))) {
			throw new InvalidInputException("scheduledAt", "must be at least " + hours(this.settings.minimumNotice())
					+ " from now, so there is time to approve and pay");
		}
		if (at.isAfter(now.plus(this.settings.maximumAdvance()))) {
			throw new InvalidInputException("scheduledAt",
					"must be within " + this.settings.maximumAdvance().toDays() + " days from now");
		}
	}

	/**
	 * A client's requests waiting for an answer, counted under a lock on the client so
	 * two requests sent at once cannot both slip under the limit.
	 */
	private void checkOpenRequests(UserId client, UserId psychologist) {
		this.sessions.lockClientRequests(client);
		SessionRepository.OpenRequests open = this.sessions.openRequests(client, psychologist);
		if (open.total() >= this.settings.maxOpenRequests()) {
			throw new BookingFailures.TooManyOpenRequests(this.settings.maxOpenRequests(), false);
		}
		if (open.withPsychologist() >= this.settings.maxOpenRequestsPerPsychologist()) {
			throw new BookingFailures.TooManyOpenRequests(this.settings.maxOpenRequestsPerPsychologist(), true);
		}
	}

	@Transactional(readOnly = true)
	public Session find(SessionId id, CurrentUser viewer) {
		return this.sessions.findById(id).filter((session) -> canSee(viewer, session)).orElseThrow(Bookings::notFound);
	}

	@Transactional(readOnly = true)
	public List<Session> list(CurrentUser viewer, @Nullable SessionStatus status) {
		return switch (viewer.role()) {
			case CLIENT -> this.sessions.findVisible(viewer.id(), null, status);
			case PSYCHOLOGIST -> this.sessions.findVisible(null, viewer.id(), status);
			case ADMIN -> this.sessions.findVisible(null, null, status);
		};
	}

	/**
	 * One page of the sessions the viewer may see: upcoming ones soonest first, then past
	 * ones latest first, so a long history never pushes tomorrow's session off the page.
	 */
	@Transactional(readOnly = true)
	public SessionPage page(CurrentUser viewer, int page, int size) {
		UserId client = viewer.is(Role.CLIENT) ? viewer.id() : null;
		UserId psychologist = viewer.is(Role.PSYCHOLOGIST) ? viewer.id() : null;
		int safePage = Math.max(0, page);
		List<Session> found = this.sessions.findPage(client, psychologist, this.clock.instant(), safePage * size,
				size + 1);
		return new SessionPage(found.subList(0, Math.min(size, found.size())), safePage, found.size() > size);
	}

	/** A page of sessions, its number (from 0) and whether another follows. */
	public record SessionPage(List<Session> sessions, int page, boolean hasMore) {
	}

	@Transactional
	public Session approve(SessionId id, CurrentUser psychologist) {
		Session session = assignedTo(id, psychologist, "approve");
		Instant now = this.clock.instant();
		this.sessions.lockPsychologistCalendar(session.psychologistId());
		if (session.status() == SessionStatus.PENDING && this.sessions.hasOverlappingBooking(session.psychologistId(),
				session.scheduledAt(), Duration.ofMinutes(session.durationMinutes()), session.id())) {
			throw new BookingFailures.SlotTaken(true);
		}
		if (session.status() == SessionStatus.PENDING && !fits(this.schedules.of(session.psychologistId()),
				session.scheduledAt(), Duration.ofMinutes(session.durationMinutes()))) {
			throw new BookingFailures.OutsideHours(true);
		}
		session.approve(this.settings.payBy(now, session.scheduledAt()), now);
		return save(session);
	}

	@Transactional
	public Session decline(SessionId id, CurrentUser psychologist, @Nullable String reason) {
		Session session = assignedTo(id, psychologist, "decline");
		session.decline(reason, this.clock.instant());
		return save(session);
	}

	@Transactional
	public Session cancel(SessionId id, CurrentUser user, @Nullable String reason) {
		Session session = find(id, user);
		if (user.isAdmin()) {
			throw new ForbiddenException("Admins can see sessions but not cancel them.");
		}
		session.cancel(user.id(), reason, this.clock.instant());
		return save(session);
	}

	/**
	 * Moves a session to another time, by its client or its psychologist. The new time
	 * keeps to the same rules as a request (notice, how far ahead, the psychologist's
	 * hours, no overlap). A client moves a request anywhere in the hours; an approved or
	 * paid session only into hours the psychologist has set, since there is no one to
	 * approve the move.
	 */
	@Transactional
	public Session reschedule(SessionId id, CurrentUser user, Instant to) {
		Session session = find(id, user);
		if (user.isAdmin()) {
			throw new ForbiddenException("Admins can see sessions but not move them.");
		}
		Instant now = this.clock.instant();
		checkTime(to, now);
		boolean byClient = session.clientId().equals(user.id());
		Duration length = Duration.ofMinutes(session.durationMinutes());
		Optional<Availability> hours = this.schedules.of(session.psychologistId());
		if (byClient && session.status() != SessionStatus.PENDING && hours.isEmpty()) {
			throw new BookingFailures.NeedsTheirHours();
		}
		if (!fits(hours, to, length)) {
			throw new BookingFailures.OutsideHours(!byClient);
		}
		this.sessions.lockPsychologistCalendar(session.psychologistId());
		if (this.sessions.hasOverlappingBooking(session.psychologistId(), to, length, session.id())) {
			throw new BookingFailures.SlotTaken(!byClient);
		}
		session.reschedule(to, user.id(), this.settings.payBy(now, to), this.settings.rescheduleCutoff(), now);
		return save(session);
	}

	@Transactional
	public Session complete(SessionId id, CurrentUser psychologist) {
		Session session = assignedTo(id, psychologist, "complete");
		session.complete(this.clock.instant());
		return save(session);
	}

	private Session assignedTo(SessionId id, CurrentUser user, String action) {
		Session session = find(id, user);
		if (!session.psychologistId().equals(user.id())) {
			throw new ForbiddenException("Only the session's psychologist can " + action + " it.");
		}
		return session;
	}

	private Session save(Session session) {
		this.sessions.update(session);
		this.events.publish(session);
		return session;
	}

	static boolean canSee(CurrentUser viewer, Session session) {
		return viewer.isAdmin() || session.isVisibleTo(viewer.id());
	}

	static NotFoundException notFound() {
		return new NotFoundException("SESSION_NOT_FOUND", "There is no such session.");
	}

	/**
	 * Whether a time fits the psychologist's saved hours; any time does while they have
	 * saved none (an open calendar, as before hours existed).
	 */
	private static boolean fits(Optional<Availability> hours, Instant start, Duration length) {
		return hours.map((saved) -> saved.fits(start, length)).orElse(true);
	}

	private static String hours(Duration duration) {
		long hours = duration.toHours();
		return (hours == 1) ? "1 hour" : hours + " hours";
	}

}
