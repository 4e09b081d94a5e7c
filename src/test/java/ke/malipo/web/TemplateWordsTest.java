package ke.malipo.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word a person reads on a page comes from the page messages, so it exists in
 * English and Kiswahili (issue 14): no text a template shows as it is written, and no
 * placeholder, label or title given only in English. Prototype text inside an element
 * whose content Thymeleaf replaces is not shown and is allowed. The developer's simulator
 * pages are in English only, by design.
 */
class TemplateWordsTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Pattern TOKEN = Pattern.compile(
			"<!--.*?-->|<!DOCTYPE[^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|([^<]+)",
			Pattern.DOTALL);

	private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

	private static final Pattern SHOWN_ATTRIBUTE = Pattern
		.compile("(?<![:\\w-])(placeholder|aria-label|title|alt)=\"([^\"]*)\"");

	private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
			"meta", "source", "track", "wbr");

	/** Contents Thymeleaf replaces whole, so what is written inside is never shown. */
	private static final Pattern REPLACES = Pattern.compile("th:(text|utext|replace|insert)=");

	/** Names and marks that read the same in both languages. */
	private static final Set<String> SAME_IN_BOTH = Set.of("Malipo", "M-Pesa", "KES", "PDF", "CSV", "EAT", "English",
			"Kiswahili");

	@Test
	void everyShownWordComesFromTheMessages() throws IOException {
		List<String> literal = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".html")).sorted().toList()) {
				String relative = TEMPLATES.relativize(file).toString();
				if (relative.startsWith("simulator") || relative.startsWith("mail")) {
					continue;
				}
				literal.addAll(literalWords(relative, Files.readString(file)));
			}
		}
		assertThat(literal).as("text shown as written in a template, so only in English").isEmpty();
	}

	@Test
	void theCheckFindsAWordLeftInEnglish() {
		assertThat(literalWords("t", "<p th:text=\"#{a}\">Prototype <b>too</b></p><p>Pay now</p>"))
			.containsExactly("t: Pay now");
		assertThat(literalWords("t", "<input placeholder=\"e.g. anxiety\"><input th:placeholder=\"#{x}\">"))
			.containsExactly("t: placeholder=e.g. anxiety");
		assertThat(literalWords("t", "<span>Malipo · KES</span><br><a th:text=\"#{b}\">Next</a> →")).isEmpty();
	}

	static List<String> literalWords(String file, String html) {
		List<String> found = new ArrayList<>();
		Deque<Boolean> replaced = new ArrayDeque<>();
		Deque<String> open = new ArrayDeque<>();
		Matcher token = TOKEN.matcher(html);
		while (token.find()) {
			if (token.group(0).startsWith("<!")) {
				continue;
			}
			String name = token.group(2);
			boolean inside = !replaced.isEmpty() && replaced.peek();
			if (name == null) {
				if (!inside && !"script".equals(open.peek()) && !"style".equals(open.peek()) && shows(token.group(4))) {
					found.add(file + ": " + token.group(4).strip().replaceAll("\\s+", " "));
				}
				continue;
			}
			String lower = name.toLowerCase(java.util.Locale.ROOT);
			if (!token.group(1).isEmpty()) {
				while (!open.isEmpty()) {
					replaced.pop();
					if (open.pop().equals(lower)) {
						break;
					}
				}
				continue;
			}
			String attributes = token.group(3);
			Matcher shown = SHOWN_ATTRIBUTE.matcher(attributes);
			while (shown.find()) {
				String attribute = shown.group(1);
				boolean translated = attributes.contains("th:" + attribute + "=")
						|| Pattern.compile("th:attr=\"[^\"]*" + attribute + "=").matcher(attributes).find();
				if (!inside && !translated && shows(shown.group(2))) {
					found.add(file + ": " + attribute + "=" + shown.group(2));
				}
			}
			if (VOID.contains(lower) || attributes.endsWith("/")) {
				continue;
			}
			open.push(lower);
			replaced.push(inside || REPLACES.matcher(attributes).find());
		}
		return found;
	}

	private static boolean shows(String text) {
		// An example M-Pesa receipt (TK4AB12CDE) reads the same in both languages.
		String rest = text.replaceAll("\\b[A-Z0-9]{8,}\\b", "");
		for (String same : SAME_IN_BOTH) {
			rest = rest.replace(same, "");
		}
		return WORD.matcher(rest).find();
	}

}
