package ke.malipo.finance.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import org.jspecify.annotations.Nullable;

/**
 * What the finance desk asked to see: free text (receipt, phone, name, reference), a
 * state, a date range in East Africa Time (both ends included) and a psychologist. Built
 * from request parameters with every problem named, so a bad link never runs a query.
 */
public record TransactionFilter(@Nullable String text, @Nullable AttemptState state, @Nullable LocalDate from,
		@Nullable LocalDate to, @Nullable UserId psychologist, boolean flagged) {

	static final int MAX_TEXT = 100;

	/** Every transaction. */
	public static final TransactionFilter NONE = new TransactionFilter(null, null, null, null, null, false);

	/**
	 * Reads the desk's parameters; blank ones mean "any".
	 * @throws InvalidInputException naming each parameter that cannot be understood
	 */
	public static TransactionFilter parse(@Nullable String q, @Nullable String status, @Nullable String from,
			@Nullable String to, @Nullable String psychologist) {
		return parse(q, status, from, to, psychologist, null);
	}

	/**
	 * The same, and {@code flagged} ({@code true}) keeps only payments fraud signals
	 * flagged.
	 */
	public static TransactionFilter parse(@Nullable String q, @Nullable String status, @Nullable String from,
			@Nullable String to, @Nullable String psychologist, @Nullable String flagged) {
		List<FieldProblem> problems = new ArrayList<>();
		String text = blankToNull(q);
		if (text != null && text.length() > MAX_TEXT) {
			problems.add(new FieldProblem("q", "Search for at most " + MAX_TEXT + " characters."));
		}
		AttemptState state = null;
		String statusText = blankToNull(status);
		if (statusText != null) {
			try {
				state = AttemptState.valueOf(statusText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems
					.add(new FieldProblem("status", "Status must be one of " + List.of(AttemptState.values()) + "."));
			}
		}
		LocalDate start = date("from", from, problems);
		LocalDate end = date("to", to, problems);
		if (start != null && end != null && start.isAfter(end)) {
			problems.add(new FieldProblem("to", "The end date must not be before the start date."));
		}
		UserId psychologistId = null;
		String psychologistText = blankToNull(psychologist);
		if (psychologistText != null) {
			try {
				psychologistId = new UserId(UUID.fromString(psychologistText));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("psychologist", "Choose a psychologist from the list."));
			}
		}
		String flaggedText = blankToNull(flagged);
		if (flaggedText != null && !flaggedText.equals("true") && !flaggedText.equals("false")) {
			problems.add(new FieldProblem("flagged", "Flagged is true or false."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new TransactionFilter(text, state, start, end, psychologistId, "true".equals(flaggedText));
	}

	/** The same filter as query parameters, for links to other pages and the export. */
	public String toQuery() {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (this.text != null) {
			parameters.put("q", this.text);
		}
		if (this.state != null) {
			parameters.put("status", this.state.name());
		}
		if (this.from != null) {
			parameters.put("from", this.from.toString());
		}
		if (this.to != null) {
			parameters.put("to", this.to.toString());
		}
		if (this.psychologist != null) {
			parameters.put("psychologist", this.psychologist.value().toString());
		}
		if (this.flagged) {
			parameters.put("flagged", "true");
		}
		return parameters.entrySet()
			.stream()
			.map((parameter) -> parameter.getKey() + "="
					+ URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static @Nullable LocalDate date(String field, @Nullable String text, List<FieldProblem> problems) {
		String given = blankToNull(text);
		if (given == null) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(given);
			if (date.getYear() < 2000 || date.getYear() > 2999) {
				problems.add(new FieldProblem(field, "Choose a date between the years 2000 and 2999."));
				return null;
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "Write the date as YYYY-MM-DD."));
			return null;
		}
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
