package ke.malipo.notifications.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.SignedIn;
import ke.malipo.notifications.internal.Preferences;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of the pages, English or Kiswahili: the one chosen on this browser (a
 * cookie, so the sign-in page too), else the signed-in person's saved preference (the one
 * their notices use), else what the browser asks for. Chosen with the switch in every
 * page's header.
 */
@Component("localeResolver")
class PageLanguage implements LocaleResolver {

	static final String COOKIE = "malipo-lang";

	static final Locale SWAHILI = Locale.forLanguageTag("sw");

	private final SignedIn signedIn;

	private final Preferences preferences;

	PageLanguage(SignedIn signedIn, Preferences preferences) {
		this.signedIn = signedIn;
		this.preferences = preferences;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		String chosen = cookie(request);
		if (chosen != null) {
			return locale(chosen);
		}
		Optional<CurrentUser> user = this.signedIn.now();
		if (user.isPresent()) {
			return locale(saved(request, user.get()));
		}
		return request.getLocales().hasMoreElements() && "sw".equals(request.getLocale().getLanguage()) ? SWAHILI
				: Locale.ENGLISH;
	}

	/**
	 * The signed-in person's saved language, read once per page session: pages refresh
	 * every few seconds, and the preference is not worth a query each time.
	 */
	private String saved(HttpServletRequest request, CurrentUser user) {
		HttpSession session = request.getSession(false);
		String key = SESSION_KEY + user.id().value();
		if (session != null && session.getAttribute(key) instanceof String known) {
			return known;
		}
		String language = this.preferences.of(user.id()).language();
		if (session != null) {
			session.setAttribute(key, language);
		}
		return language;
	}

	/** Where the page session keeps the language it read, per person. */
	static final String SESSION_KEY = "malipo.language.";

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		if (response != null) {
			String language = (locale != null && "sw".equals(locale.getLanguage())) ? "sw" : "en";
			response.addHeader("Set-Cookie",
					ResponseCookie.from(COOKIE, language)
						.path("/")
						.maxAge(Duration.ofDays(365))
						.sameSite("Lax")
						.httpOnly(true)
						.secure(request.isSecure())
						.build()
						.toString());
		}
	}

	static Locale locale(String language) {
		return "sw".equals(language) ? SWAHILI : Locale.ENGLISH;
	}

	private static @Nullable String cookie(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return null;
		}
		for (Cookie cookie : request.getCookies()) {
			if (COOKIE.equals(cookie.getName()) && ("en".equals(cookie.getValue()) || "sw".equals(cookie.getValue()))) {
				return cookie.getValue();
			}
		}
		return null;
	}

}
