package ke.malipo.insights.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

/**
 * What an admin asked the trends for: East Africa days from and to (both included), by
 * day or by week, for everyone or one psychologist. Read from request parameters and
 * refused whole, with every problem named, when any part cannot be read.
 */
public record TrendFilter(LocalDate from, LocalDate to, Granularity granularity, @Nullable UserId psychologist) {

	/** Days in one view: a year by day; two by week. */
	static final int MOST_DAYS = 366;

	static final int MOST_WEEKS_DAYS = 731;

	/** How the view is cut. */
	public enum Granularity {

		DAY, WEEK

	}

	public static TrendFilter read(@Nullable String from, @Nullable String to, @Nullable String by,
			@Nullable String psychologist, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		Granularity granularity = granularity(by, problems);
		LocalDate last = date("to", to, today, problems);
		LocalDate first = date("from", from, last.minusDays((granularity == Granularity.WEEK) ? 83 : 27), problems);
		UserId who = psychologist(psychologist, problems);
		if (problems.isEmpty() && first.isAfter(last)) {
			problems.add(new FieldProblem("to", "must not be before from"));
		}
		long days = ChronoUnit.DAYS.between(first, last) + 1;
		int most = (granularity == Granularity.WEEK) ? MOST_WEEKS_DAYS : MOST_DAYS;
		if (problems.isEmpty() && days > most) {
			problems.add(new FieldProblem("to", "a view spans at most " + most + " days "
					+ ((granularity == Granularity.WEEK) ? "by week" : "by day (choose by week for longer)")));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new TrendFilter(first, last, granularity, who);
	}

	private static Granularity granularity(@Nullable String by, List<FieldProblem> problems) {
		if (by == null || by.isBlank()) {
			return Granularity.DAY;
		}
		try {
			return Granularity.valueOf(by.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem("by", "must be day or week"));
			return Granularity.DAY;
		}
	}

	private static LocalDate date(String field, @Nullable String text, LocalDate otherwise,
			List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return otherwise;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "must be a date as 2026-11-30"));
			return otherwise;
		}
	}

	private static @Nullable UserId psychologist(@Nullable String text, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new UserId(UUID.fromString(text.strip()));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem("psychologist", "must be a psychologist's id"));
			return null;
		}
	}

}
