package ke.malipo.booking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Psychologists' hours and the free times they leave: what a client may pick from. A free
 * time lies inside the hours, outside breaks and days off, far enough ahead to approve
 * and pay, within how far ahead one may book, and clear of every session already asked
 * for, approved or paid.
 */
@Service
public class Schedules {

	/** The longest range of free times one question may ask for. */
	static final int MAX_DAYS = 31;

	private final AvailabilityRepository availability;

	private final UserDirectory users;

	private final BookingSettings settings;

	private final Clock clock;

	Schedules(AvailabilityRepository availability, UserDirectory users, BookingSettings settings, Clock clock) {
		this.availability = availability;
		this.users = users;
		this.settings = settings;
		this.clock = clock;
	}

	/** A free time. */
	public record FreeSlot(Instant start, Instant end) {
	}

	/** The psychologist's hours; empty when they have not set any. */
	@Transactional(readOnly = true)
	public Optional<Availability> of(UserId psychologist) {
		return this.availability.find(psychologist);
	}

	@Transactional
	public Availability save(CurrentUser user, Availability wanted) {
		if (!user.is(Role.PSYCHOLOGIST)) {
			throw new ForbiddenException("Only psychologists set hours.");
		}
		Availability checked = wanted.checked();
		this.availability.save(user.id(), checked, this.clock.instant());
		return checked;
	}

	/**
	 * Free times between two days (East Africa Time, both included) for a session of this
	 * length. Starts are a step apart: the length rounded up to the half hour, so a
	 * 50-minute session starts on the hour and leaves ten minutes between clients.
	 */
	@Transactional(readOnly = true)
	public List<FreeSlot> free(UserId psychologist, LocalDate first, LocalDate last, Duration length) {
		if (this.users.psychologist(psychologist).isEmpty()) {
			throw new NotFoundException("PSYCHOLOGIST_NOT_FOUND", "There is no such psychologist.");
		}
		if (last.isBefore(first)) {
			throw new InvalidInputException("to", "must not be before from");
		}
		if (first.plusDays(MAX_DAYS - 1).isBefore(last)) {
			throw new InvalidInputException("to", "must be at most " + MAX_DAYS + " days after from");
		}
		Instant now = this.clock.instant();
		Instant earliest = now.plus(this.settings.minimumNotice());
		Instant latest = now.plus(this.settings.maximumAdvance());
		Availability hours = this.availability.find(psychologist).orElse(Availability.SUGGESTED);
		List<AvailabilityRepository.Busy> busy = this.availability.busy(psychologist,
				first.atStartOfDay(Eat.ZONE).toInstant(), last.plusDays(1).atStartOfDay(Eat.ZONE).toInstant());
		return hours.starts(first, last, length, step(length))
			.stream()
			.filter((start) -> !start.isBefore(earliest) && !start.isAfter(latest))
			.filter((start) -> busy.stream().noneMatch((b) -> b.overlaps(start, start.plus(length))))
			.map((start) -> new FreeSlot(start, start.plus(length)))
			.toList();
	}

	static Duration step(Duration length) {
		long halfHours = (length.toMinutes() + 29) / 30;
		return Duration.ofMinutes(Math.max(1, halfHours) * 30);
	}

}
