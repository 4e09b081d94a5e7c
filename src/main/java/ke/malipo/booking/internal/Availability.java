package ke.malipo.booking.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.time.Eat;
import org.jspecify.annotations.Nullable;

/**
 * When a psychologist takes sessions, in East Africa Time: weekly hours (several a day if
 * they like), weekly breaks inside them, and whole days off; and whether a request inside
 * those hours is approved without asking. A session fits when it lies wholly inside one
 * stretch of hours on one day, touches no break and falls on no day off.
 */
public record Availability(List<Hours> hours, List<Hours> breaks, List<TimeOff> timeOff, boolean autoApprove) {

	static final int MAX_HOURS = 28;

	static final int MAX_TIME_OFF = 60;

	public Availability {
		hours = List.copyOf(hours);
		breaks = List.copyOf(breaks);
		timeOff = List.copyOf(timeOff);
	}

	/** Hours (or a break) on one weekday, start before end. */
	public record Hours(DayOfWeek day, LocalTime start, LocalTime end) {
	}

	/** Days off, both included, with a note only the psychologist sees. */
	public record TimeOff(LocalDate from, LocalDate to, @Nullable String note) {

		boolean covers(LocalDate date) {
			return !date.isBefore(this.from) && !date.isAfter(this.to);
		}

	}

	/**
	 * What a psychologist who has not set hours offers as free times: every day 08:00 to
	 * 20:00. Requests at other times are still taken from them, as before hours existed.
	 */
	static final Availability SUGGESTED = new Availability(java.util.Arrays.stream(DayOfWeek.values())
		.map((day) -> new Hours(day, LocalTime.of(8, 0), LocalTime.of(20, 0)))
		.toList(), List.of(), List.of(), false);

	/** Checks the whole, naming every mistake at once. */
	Availability checked() {
		List<FieldProblem> problems = new ArrayList<>();
		if (this.hours.size() > MAX_HOURS || this.breaks.size() > MAX_HOURS) {
			problems.add(new FieldProblem("hours", "at most " + MAX_HOURS + " stretches of hours and of breaks"));
		}
		checkStretches("hours", this.hours, problems);
		checkStretches("breaks", this.breaks, problems);
		if (this.timeOff.size() > MAX_TIME_OFF) {
			problems.add(new FieldProblem("timeOff", "at most " + MAX_TIME_OFF + " periods"));
		}
		for (int i = 0; i < this.timeOff.size(); i++) {
			TimeOff off = this.timeOff.get(i);
			if (off.to().isBefore(off.from())) {
				problems.add(new FieldProblem("timeOff[" + i + "].to",
						"the days off from " + off.from() + " must not end before they start"));
			}
			else if (off.from().plusDays(366).isBefore(off.to())) {
				problems.add(new FieldProblem("timeOff[" + i + "]", "must be at most a year"));
			}
			else if (off.note() != null && off.note().length() > 200) {
				problems.add(new FieldProblem("timeOff[" + i + "].note", "must be at most 200 characters"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return this;
	}

	private static void checkStretches(String field, List<Hours> stretches, List<FieldProblem> problems) {
		for (int i = 0; i < stretches.size(); i++) {
			Hours one = stretches.get(i);
			if (!one.start().isBefore(one.end())) {
				problems.add(new FieldProblem(field + "[" + i + "].end", name(one.day()) + "'s "
						+ ("breaks".equals(field) ? "break" : "hours") + " must end after they start"));
				continue;
			}
			for (int j = 0; j < i; j++) {
				Hours other = stretches.get(j);
				if (other.day() == one.day() && other.start().isBefore(one.end())
						&& one.start().isBefore(other.end())) {
					problems.add(new FieldProblem(field + "[" + i + "]",
							name(one.day()) + " has " + field + " that overlap one another"));
				}
			}
		}
	}

	private static String name(DayOfWeek day) {
		return day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
	}

	/** Whether a session starting then, this long, lies inside these hours. */
	boolean fits(Instant start, Duration length) {
		LocalDateTime from = start.atZone(Eat.ZONE).toLocalDateTime();
		LocalDateTime to = start.plus(length).atZone(Eat.ZONE).toLocalDateTime();
		if (!to.toLocalDate().equals(from.toLocalDate()) && !to.toLocalTime().equals(LocalTime.MIDNIGHT)) {
			return false;
		}
		LocalDate date = from.toLocalDate();
		if (this.timeOff.stream().anyMatch((off) -> off.covers(date))) {
			return false;
		}
		LocalTime begins = from.toLocalTime();
		// A session ending at midnight ends at the end of its day.
		LocalTime ends = to.toLocalDate().equals(date) ? to.toLocalTime() : LocalTime.MAX;
		DayOfWeek day = date.getDayOfWeek();
		boolean inHours = this.hours.stream()
			.anyMatch((h) -> h.day() == day && !begins.isBefore(h.start()) && !ends.isAfter(h.end()));
		boolean onBreak = this.breaks.stream()
			.anyMatch((b) -> b.day() == day && b.start().isBefore(ends) && begins.isBefore(b.end()));
		return inHours && !onBreak;
	}

	/**
	 * Every start, one {@code step} apart from the beginning of each stretch of hours, at
	 * which a session this long fits, between two days (both included).
	 */
	List<Instant> starts(LocalDate first, LocalDate last, Duration length, Duration step) {
		List<Instant> out = new ArrayList<>();
		List<Hours> sorted = this.hours.stream().sorted(Comparator.comparing(Hours::start)).toList();
		for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
			for (Hours stretch : sorted) {
				if (stretch.day() != date.getDayOfWeek()) {
					continue;
				}
				// In minutes of the day, so a step past midnight ends the stretch rather
				// than wrapping round to the morning.
				long end = stretch.end().toSecondOfDay() / 60;
				for (long minute = stretch.start().toSecondOfDay() / 60; minute
						+ length.toMinutes() <= end; minute += step.toMinutes()) {
					Instant start = ZonedDateTime.of(date, LocalTime.ofSecondOfDay(minute * 60), Eat.ZONE).toInstant();
					if (fits(start, length)) {
						out.add(start);
					}
				}
			}
		}
		return out;
	}

}
