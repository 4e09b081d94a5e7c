package ke.malipo.common.pages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.Problems;
import ke.malipo.common.time.Eat;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Words a page's server side gives (notices after an action, labels it computes) in the
 * page's language, from {@code pages/messages}. And a problem as a person reads it on a
 * page, in the page's language. English is the problem's own detail
 * ({@link Problems#forPerson}); in Kiswahili it is {@code problem.<CODE>} (or
 * {@code problem.<CODE>.<audience>} when the problem says whom it is for) from
 * {@code pages/problems_sw.properties}, its properties as arguments in the order they
 * were given. A code without Kiswahili words keeps its English detail; the API answers in
 * English whatever the page's language.
 */
@Component
public class PageWords {

	private final MessageSource messages;

	PageWords(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * A moment as the page's reader writes it, the day named in the page's language. For
	 * pages only: exports, receipts and the API keep {@link Eat#display(Instant)}.
	 */
	public static String when(Instant instant) {
		return Eat.display(instant, LocaleContextHolder.getLocale());
	}

	/** The words of {@code key} in the page's language. */
	public String text(String key, Object... args) {
		return this.messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	public String forPerson(MalipoException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		String english = Problems.forPerson(ex);
		if (!"sw".equals(locale.getLanguage())) {
			return english;
		}
		if (ex instanceof InvalidInputException) {
			// What each field needs is said in English; the frame in Kiswahili.
			return java.util.Objects.requireNonNullElse(
					this.messages.getMessage("problem.VALIDATION_FAILED", new Object[] { english }, english, locale),
					english);
		}
		List<Object> args = new ArrayList<>();
		ex.properties().forEach((name, value) -> {
			if (!"errors".equals(name) && !"audience".equals(name)) {
				args.add(value);
			}
		});
		Object audience = ex.properties().get("audience");
		String key = "problem." + ex.code() + ((audience != null) ? "." + audience : "");
		return java.util.Objects.requireNonNullElse(this.messages.getMessage(key, args.toArray(), english, locale),
				english);
	}

}
