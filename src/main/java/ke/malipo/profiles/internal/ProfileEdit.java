package ke.malipo.profiles.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.UserId;
import ke.malipo.profiles.PracticeMode;
import ke.malipo.profiles.PsychologistProfile;
import org.jspecify.annotations.Nullable;

/**
 * A profile as a psychologist typed it, checked as a whole so every mistake is named at
 * once. Lists come as typed (commas or lines), are trimmed, and repeat nothing.
 */
public record ProfileEdit(@Nullable String bio, @Nullable List<String> specialties, @Nullable List<String> languages,
		@Nullable String mode, @Nullable String location, @Nullable String licenceNumber, @Nullable String videoLink) {

	static final int MAX_BIO = 2000;

	static final int MAX_SPECIALTIES = 12;

	static final int MAX_LANGUAGES = 8;

	/** Letters, digits and the separators licence numbers are written with. */
	private static final Pattern LICENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/ .-]{0,39}");

	/** Text a person may write: no control characters but line breaks in the bio. */
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

	PsychologistProfile check(UserId psychologist, boolean hasPhoto) {
		List<FieldProblem> problems = new ArrayList<>();
		String checkedBio = text(this.bio);
		if (checkedBio.length() > MAX_BIO) {
			problems.add(new FieldProblem("bio", "must be at most " + MAX_BIO + " characters"));
		}
		if (CONTROL.matcher(checkedBio).find()) {
			problems.add(new FieldProblem("bio", "contains characters that cannot be shown"));
		}
		List<String> checkedSpecialties = list("specialties", this.specialties, MAX_SPECIALTIES, 40, problems);
		List<String> checkedLanguages = list("languages", this.languages, MAX_LANGUAGES, 30, problems);
		PracticeMode checkedMode = PracticeMode.BOTH;
		if (this.mode != null && !this.mode.isBlank()) {
			try {
				checkedMode = PracticeMode.valueOf(this.mode.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("mode", "must be ONLINE, IN_PERSON or BOTH"));
			}
		}
		String checkedLocation = line(this.location);
		if (checkedLocation.length() > 120 || CONTROL.matcher(checkedLocation).find()) {
			problems.add(new FieldProblem("location", "must be one line of at most 120 characters"));
		}
		String checkedLicence = line(this.licenceNumber);
		if (!checkedLicence.isEmpty() && !LICENCE.matcher(checkedLicence).matches()) {
			problems.add(new FieldProblem("licenceNumber",
					"must be letters, digits, spaces, '/', '.' or '-' (at most 40), as on the licence"));
		}
		String checkedLink = line(this.videoLink);
		if (!checkedLink.isEmpty() && !validLink(checkedLink)) {
			problems.add(new FieldProblem("videoLink", "must be an https:// address of at most 300 characters"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new PsychologistProfile(psychologist, checkedBio, checkedSpecialties, checkedLanguages, checkedMode,
				checkedLocation, checkedLicence, hasPhoto, checkedLink);
	}

	/** An https address with a host, nothing a browser would run. */
	private static boolean validLink(String link) {
		if (link.length() > 300 || !link.startsWith("https://") || link.contains(" ")) {
			return false;
		}
		try {
			java.net.URI uri = new java.net.URI(link);
			return uri.getHost() != null && !uri.getHost().isBlank();
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

	/** Splits what a form sends as one text box ("CBT, Couples") into a list. */
	public static List<String> split(@Nullable String typed) {
		if (typed == null) {
			return List.of();
		}
		return List.of(typed.split("[,\\n]"));
	}

	private static List<String> list(String field, @Nullable List<String> given, int most, int longest,
			List<FieldProblem> problems) {
		LinkedHashSet<String> kept = new LinkedHashSet<>();
		for (String item : (given != null) ? given : List.<String>of()) {
			String one = line(item);
			if (one.isEmpty()) {
				continue;
			}
			if (one.length() > longest || CONTROL.matcher(one).find()) {
				problems.add(new FieldProblem(field, "each must be at most " + longest + " characters"));
				return List.of();
			}
			if (kept.stream().noneMatch((k) -> k.equalsIgnoreCase(one))) {
				kept.add(one);
			}
		}
		if (kept.size() > most) {
			problems.add(new FieldProblem(field, "at most " + most));
		}
		return List.copyOf(kept);
	}

	private static String text(@Nullable String value) {
		return (value == null) ? "" : value.strip().replace("\r\n", "\n");
	}

	private static String line(@Nullable String value) {
		return (value == null) ? "" : value.strip().replaceAll("\\s+", " ");
	}

}
