package ke.malipo.booking.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Free times against hours, breaks and days off, for generated weeks: every start offered
 * lies wholly inside a stretch of hours on its own day in East Africa Time, touches no
 * break and falls on no day off; and every start a step apart that does so is offered.
 */
class AvailabilityPropertyTest {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	private static final LocalDate MONDAY = LocalDate.of(2027, 3, 1);

	/** A stretch on a weekday, in quarter hours from 06:00, at least an hour long. */
	private static Gen<Availability.Hours> stretches(int earliestQuarter, int latestQuarter) {
		return integers().between(1, 7)
			.zip(integers().between(earliestQuarter, latestQuarter - 4), integers().between(4, 40),
					(day, start, quarters) -> new Availability.Hours(DayOfWeek.of(day),
							LocalTime.of(6, 0).plusMinutes(15L * start),
							LocalTime.of(6, 0).plusMinutes(15L * Math.min(latestQuarter, start + quarters))));
	}

	private static Gen<Availability> weeks() {
		Gen<List<Availability.Hours>> hours = lists().of(stretches(0, 64)).ofSizeBetween(0, 7);
		Gen<List<Availability.Hours>> breaks = lists().of(stretches(8, 48)).ofSizeBetween(0, 3);
		Gen<List<Availability.TimeOff>> off = lists()
			.of(integers().between(0, 20)
				.zip(integers().between(0, 3),
						(from, days) -> new Availability.TimeOff(MONDAY.plusDays(from), MONDAY.plusDays(from + days),
								null)))
			.ofSizeBetween(0, 2);
		return hours.zip(breaks, off, (h, b, o) -> new Availability(distinctDays(h), distinctDays(b), o, false));
	}

	/** One stretch per weekday, so generated hours never overlap one another. */
	private static List<Availability.Hours> distinctDays(List<Availability.Hours> all) {
		List<Availability.Hours> out = new ArrayList<>();
		for (Availability.Hours one : all) {
			if (out.stream().noneMatch((h) -> h.day() == one.day())) {
				out.add(one);
			}
		}
		return out;
	}

	@Test
	void everyFreeTimeIsInsideTheHoursAndEveryOneThatIsIsOffered() {
		qt().withExamples(400)
			.withShrinkCycles(0)
			.withFixedSeed(20261130L)
			.forAll(weeks(), integers().between(1, 8))
			.checkAssert((week, halfHours) -> {
				Duration length = Duration.ofMinutes(15L * halfHours + 15);
				Duration step = Schedules.step(length);
				List<Instant> offered = week.checked().starts(MONDAY, MONDAY.plusDays(27), length, step);
				List<Instant> expected = new ArrayList<>();
				for (LocalDate date = MONDAY; !date.isAfter(MONDAY.plusDays(27)); date = date.plusDays(1)) {
					LocalDate day = date;
					if (week.timeOff()
						.stream()
						.anyMatch((off) -> !day.isBefore(off.from()) && !day.isAfter(off.to()))) {
						continue;
					}
					for (Availability.Hours stretch : week.hours()) {
						if (stretch.day() != day.getDayOfWeek()) {
							continue;
						}
						for (int minute = stretch.start().toSecondOfDay() / 60; minute + length
							.toMinutes() <= stretch.end().toSecondOfDay() / 60; minute += (int) step.toMinutes()) {
							LocalTime start = LocalTime.ofSecondOfDay(minute * 60L);
							LocalTime end = start.plus(length);
							boolean onBreak = week.breaks()
								.stream()
								.anyMatch((b) -> b.day() == day.getDayOfWeek() && b.start().isBefore(end)
										&& start.isBefore(b.end()));
							if (!onBreak) {
								expected.add(LocalDateTime.of(day, start).atZone(EAT).toInstant());
							}
						}
					}
				}
				assertThat(offered).containsExactlyInAnyOrderElementsOf(expected);
				for (Instant start : offered) {
					assertThat(week.fits(start, length)).isTrue();
					assertThat(week.fits(start.minus(Duration.ofMinutes(1)), Duration.ofDays(1)))
						.as("nothing a day long fits")
						.isFalse();
				}
			});
	}

	@Test
	void theStepIsTheLengthRoundedUpToTheHalfHour() {
		assertThat(Schedules.step(Duration.ofMinutes(50))).isEqualTo(Duration.ofMinutes(60));
		assertThat(Schedules.step(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
		assertThat(Schedules.step(Duration.ofMinutes(90))).isEqualTo(Duration.ofMinutes(90));
		assertThat(Schedules.step(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void overlappingHoursAndBackwardsDaysOffAreRefusedTogether() {
		Availability wrong = new Availability(
				List.of(new Availability.Hours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
						new Availability.Hours(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(14, 0))),
				List.of(new Availability.Hours(DayOfWeek.TUESDAY, LocalTime.of(13, 0), LocalTime.of(13, 0))),
				List.of(new Availability.TimeOff(MONDAY.plusDays(3), MONDAY, null)), false);
		assertThatThrownBy(wrong::checked).hasMessageContaining("invalid")
			.satisfies((ex) -> assertThat(((ke.malipo.common.problem.InvalidInputException) ex).errors())
				.extracting(ke.malipo.common.problem.FieldProblem::field)
				.containsExactly("hours[1]", "breaks[0].end", "timeOff[0].to"));
	}

}
