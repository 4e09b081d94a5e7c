package ke.malipo.booking.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import ke.malipo.booking.internal.Availability;
import ke.malipo.booking.internal.Schedules;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hours and free times over the API (api.md "Booking additions"): anyone signed in asks
 * for a psychologist's free times; a psychologist reads and replaces their own hours.
 */
@RestController
class AvailabilityController {

	private final Schedules schedules;

	private final java.time.Clock clock;

	AvailabilityController(Schedules schedules, java.time.Clock clock) {
		this.schedules = schedules;
		this.clock = clock;
	}

	/** A free time with East Africa Time's offset, as people in Kenya read it. */
	record SlotView(OffsetDateTime start, OffsetDateTime end) {

		static SlotView of(Schedules.FreeSlot slot) {
			return new SlotView(slot.start().atZone(Eat.ZONE).toOffsetDateTime(),
					slot.end().atZone(Eat.ZONE).toOffsetDateTime());
		}

	}

	@GetMapping("/api/psychologists/{id}/slots")
	List<SlotView> slots(CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "50") int length) {
		LocalDate first = (from != null) ? from : LocalDate.ofInstant(this.clock.instant(), Eat.ZONE);
		LocalDate last = (to != null) ? to : first.plusDays(13);
		return this.schedules.free(new UserId(id), first, last, length(length)).stream().map(SlotView::of).toList();
	}

	@GetMapping("/api/me/availability")
	AvailabilityView mine(CurrentUser user) {
		ownHours(user);
		return this.schedules.of(user.id()).map(AvailabilityView::of).orElse(AvailabilityView.NOT_SET);
	}

	@PutMapping("/api/me/availability")
	AvailabilityView replace(CurrentUser user, @RequestBody AvailabilityRequest wanted) {
		return AvailabilityView.of(this.schedules.save(user, wanted.toAvailability()));
	}

	private static void ownHours(CurrentUser user) {
		if (!user.is(ke.malipo.identity.Role.PSYCHOLOGIST)) {
			throw new ke.malipo.common.problem.ForbiddenException("Only psychologists have hours.");
		}
	}

	/** A session length the calendar accepts (as booking does: 15 minutes to 4 hours). */
	static Duration length(int minutes) {
		if (minutes < 15 || minutes > 240) {
			throw new InvalidInputException("length", "must be between 15 and 240 minutes");
		}
		return Duration.ofMinutes(minutes);
	}

	/**
	 * Hours as the API shows them. {@code set} is false while the psychologist has not
	 * saved any (requests are then taken at any time).
	 */
	record AvailabilityView(List<HoursView> hours, List<HoursView> breaks, List<TimeOffView> timeOff,
			boolean autoApprove, boolean set) {

		static final AvailabilityView NOT_SET = new AvailabilityView(List.of(), List.of(), List.of(), false, false);

		static AvailabilityView of(Availability availability) {
			return new AvailabilityView(availability.hours().stream().map(HoursView::of).toList(),
					availability.breaks().stream().map(HoursView::of).toList(),
					availability.timeOff()
						.stream()
						.map((off) -> new TimeOffView(off.from(), off.to(), off.note()))
						.toList(),
					availability.autoApprove(), true);
		}

	}

	/** Hours as a psychologist replaces them; what is left out is empty (or off). */
	record AvailabilityRequest(@Nullable List<HoursView> hours, @Nullable List<HoursView> breaks,
			@Nullable List<TimeOffView> timeOff, @Nullable Boolean autoApprove) {

		Availability toAvailability() {
			return new Availability(hours("hours", this.hours), hours("breaks", this.breaks),
					(this.timeOff == null) ? List.of() : this.timeOff.stream().map(TimeOffView::toTimeOff).toList(),
					Boolean.TRUE.equals(this.autoApprove));
		}

		private static List<Availability.Hours> hours(String field, @Nullable List<HoursView> given) {
			if (given == null) {
				return List.of();
			}
			return given.stream().map((h) -> {
				if (h == null) {
					throw new InvalidInputException(field, "must not contain empty entries");
				}
				return h.toHours(field);
			}).toList();
		}

	}

	/** A stretch of hours: a weekday and two times, e.g. MONDAY 09:00 to 17:00. */
	record HoursView(@Nullable String day, @JsonFormat(pattern = "HH:mm") @Nullable LocalTime start,
			@JsonFormat(pattern = "HH:mm") @Nullable LocalTime end) {

		static HoursView of(Availability.Hours hours) {
			return new HoursView(hours.day().name(), hours.start(), hours.end());
		}

		Availability.Hours toHours(String field) {
			DayOfWeek weekday;
			try {
				weekday = DayOfWeek.valueOf(String.valueOf(this.day).strip().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(field, "day must be MONDAY to SUNDAY");
			}
			if (this.start == null || this.end == null) {
				throw new InvalidInputException(field, "each needs a start and an end (HH:mm)");
			}
			return new Availability.Hours(weekday, this.start, this.end);
		}

	}

	/** Days off, both included. */
	record TimeOffView(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String note) {

		static Availability.TimeOff toTimeOff(@Nullable TimeOffView off) {
			if (off == null || off.from() == null || off.to() == null) {
				throw new InvalidInputException("timeOff", "each needs a first and a last day (yyyy-MM-dd)");
			}
			return new Availability.TimeOff(off.from(), off.to(), off.note());
		}

	}

}
