package ke.malipo.profiles;

import java.util.List;

import ke.malipo.identity.UserId;

/**
 * What a psychologist tells clients about their practice, for other modules (a receipt
 * names the licence number). The video link is for the people of a session only, never
 * the directory.
 */
public record PsychologistProfile(UserId psychologist, String bio, List<String> specialties, List<String> languages,
		PracticeMode mode, String location, String licenceNumber, boolean hasPhoto, String videoLink) {

	public PsychologistProfile {
		specialties = List.copyOf(specialties);
		languages = List.copyOf(languages);
	}

	/** A psychologist who has not written a profile yet. */
	public static PsychologistProfile empty(UserId psychologist) {
		return new PsychologistProfile(psychologist, "", List.of(), List.of(), PracticeMode.BOTH, "", "", false, "");
	}

}
