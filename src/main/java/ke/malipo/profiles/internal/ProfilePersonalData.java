package ke.malipo.profiles.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import ke.malipo.identity.PersonalDataHolder;
import ke.malipo.identity.UserId;
import ke.malipo.profiles.PsychologistProfile;

import org.springframework.stereotype.Component;

/**
 * Profiles' part of a person's data rights: the profile as written (the photo is named,
 * not embedded), and on erasure the whole profile and photo removed.
 */
@Component
class ProfilePersonalData implements PersonalDataHolder {

	private final ProfileRepository profiles;

	ProfilePersonalData(ProfileRepository profiles) {
		this.profiles = profiles;
	}

	@Override
	public String section() {
		return "profile";
	}

	@Override
	public Object export(UserId user) {
		Map<String, Object> out = new LinkedHashMap<>();
		this.profiles.find(user).ifPresent((PsychologistProfile p) -> {
			out.put("bio", p.bio());
			out.put("specialties", p.specialties());
			out.put("languages", p.languages());
			out.put("mode", p.mode().name());
			out.put("location", p.location());
			out.put("licenceNumber", p.licenceNumber());
			out.put("videoLink", p.videoLink());
			out.put("photo", p.hasPhoto() ? "a photo (download it from your profile page)" : "none");
		});
		return out;
	}

	@Override
	public void erase(UserId user) {
		this.profiles.delete(user);
	}

}
