package ke.malipo.notifications.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.common.pages.PageController;
import ke.malipo.identity.SignedIn;
import ke.malipo.notifications.internal.Preferences;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The header's English / Kiswahili switch: remembered on this browser, and for a
 * signed-in person saved as their preference, so their notices follow. Goes back to the
 * page it came from (a path of this site only).
 */
@PageController
class LanguageSwitch {

	private final PageLanguage language;

	private final SignedIn signedIn;

	private final Preferences preferences;

	LanguageSwitch(PageLanguage language, SignedIn signedIn, Preferences preferences) {
		this.language = language;
		this.signedIn = signedIn;
		this.preferences = preferences;
	}

	@GetMapping("/language")
	String choose(@RequestParam(defaultValue = "en") String to, @RequestParam(required = false) @Nullable String back,
			HttpServletRequest request, HttpServletResponse response) {
		String chosen = "sw".equals(to) ? "sw" : "en";
		this.language.setLocale(request, response, PageLanguage.locale(chosen));
		this.signedIn.now().ifPresent((user) -> {
			Preferences.Choice current = this.preferences.of(user.id());
			this.preferences.choose(user.id(), chosen, current.smsReminders(), null);
		});
		return "redirect:" + safe(back);
	}

	/** Only a path on this site: never another site, whatever the link says. */
	static String safe(@Nullable String back) {
		if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\") || back.contains("\r")
				|| back.contains("\n")) {
			return "/";
		}
		return back;
	}

}
