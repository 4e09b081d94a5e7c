package ke.malipo.notifications.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import ke.malipo.common.time.Eat;
import ke.malipo.identity.UserId;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * What Malipo tells people, in each person's language: English ({@code en}) or Kiswahili
 * ({@code sw}), from {@code notifications/texts_*.properties}; times in East Africa Time
 * with the language's day and month names.
 */
@Component
class Texts {

	private static final Locale SWAHILI = Locale.forLanguageTag("sw-KE");

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	Texts() {
		this.messages.setBasename("notifications/texts");
		this.messages.setDefaultEncoding("UTF-8");
		this.messages.setFallbackToSystemLocale(false);
		this.messages.setDefaultLocale(Locale.ENGLISH);
	}

	String text(String language, String key, Object... args) {
		return this.messages.getMessage(key, args, locale(language));
	}

	/**
	 * An in-app notice from the texts {@code <name>.title} and {@code <name>.body}, in
	 * the person's language.
	 */
	Notice notice(String key, UserId to, NoticeKind kind, String language, String name,
			@org.jspecify.annotations.Nullable String link, Object... args) {
		return new Notice(key, to, kind, text(language, name + ".title"), text(language, name + ".body", args), link);
	}

	/** The text of a key the language may not have, such as a failure's reason. */
	java.util.Optional<String> textIfAny(String language, String key) {
		return java.util.Optional.ofNullable(this.messages.getMessage(key, null, null, locale(language)));
	}

	/** A moment with its date, as a notice says it: "Mon 7 Dec 2026, 10:00 EAT". */
	String at(String language, Instant instant) {
		return format("EEE d MMM yyyy, HH:mm", language, instant) + " EAT";
	}

	/** A moment as an SMS says it, short: "Mon 7 Dec, 10:00". */
	String shortly(String language, Instant instant) {
		return format("EEE d MMM, HH:mm", language, instant);
	}

	/** The time of day: "10:00". */
	String time(Instant instant) {
		return format("HH:mm", "en", instant);
	}

	private static String format(String pattern, String language, Instant instant) {
		return DateTimeFormatter.ofPattern(pattern, locale(language)).format(instant.atZone(Eat.ZONE));
	}

	private static Locale locale(String language) {
		return "sw".equals(language) ? SWAHILI : Locale.ENGLISH;
	}

}
