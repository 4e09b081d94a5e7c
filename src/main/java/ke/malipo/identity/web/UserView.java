package ke.malipo.identity.web;

import java.util.UUID;

import ke.malipo.identity.internal.User;
import org.jspecify.annotations.Nullable;

/** A user as the API shows them; never the password hash. */
record UserView(UUID id, String name, String email, String role, @Nullable String phoneNumberMasked,
		@Nullable Long sessionRate) {

	static UserView of(User user) {
		return new UserView(user.id().value(), user.name(), user.email(), user.role().name(),
				(user.phoneNumber() != null) ? user.phoneNumber().masked() : null,
				(user.sessionRate() != null) ? user.sessionRate().shillings() : null);
	}

}
