package ke.malipo.notifications.web;

import ke.malipo.identity.CurrentUser;
import ke.malipo.notifications.internal.Preferences;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A person's notification preferences (api.md, "Notifications"). */
@RestController
class PreferencesController {

	private final Preferences preferences;

	PreferencesController(Preferences preferences) {
		this.preferences = preferences;
	}

	@GetMapping("/api/me/preferences")
	PreferencesView get(CurrentUser user) {
		return PreferencesView.of(this.preferences.of(user.id()));
	}

	@PutMapping("/api/me/preferences")
	PreferencesView put(CurrentUser user, @RequestBody PreferencesBody body) {
		return PreferencesView
			.of(this.preferences.choose(user.id(), body.language(), body.smsReminders(), body.emailReceipts()));
	}

	/** What may be sent; every field is checked, with each problem named. */
	record PreferencesBody(@Nullable String language, @Nullable Boolean smsReminders, @Nullable Boolean emailReceipts) {
	}

	/** The choice as the API shows it; receipts are always on. */
	record PreferencesView(String language, boolean smsReminders, boolean emailReceipts) {

		static PreferencesView of(Preferences.Choice choice) {
			return new PreferencesView(choice.language(), choice.smsReminders(), true);
		}

	}

}
