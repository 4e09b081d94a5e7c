package ke.malipo.profiles.web;

import java.util.List;
import java.util.UUID;

import ke.malipo.profiles.internal.Profiles;
import org.jspecify.annotations.Nullable;

/** A psychologist as the API shows them (api.md "Booking additions"). */
record ProfileView(UUID id, String name, long sessionRate, String bio, List<String> specialties, List<String> languages,
		String mode, String location, String licenceNumber, @Nullable String photoUrl) {

	static ProfileView of(Profiles.Entry entry) {
		UUID id = entry.psychologist().id().value();
		var profile = entry.profile();
		return new ProfileView(id, entry.psychologist().name(), entry.psychologist().sessionRate().shillings(),
				profile.bio(), profile.specialties(), profile.languages(), profile.mode().name(), profile.location(),
				profile.licenceNumber(), profile.hasPhoto() ? "/api/psychologists/" + id + "/photo" : null);
	}

}
