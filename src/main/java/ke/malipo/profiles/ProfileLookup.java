package ke.malipo.profiles;

import ke.malipo.identity.UserId;

/** Read access to profiles for other modules. */
public interface ProfileLookup {

	/** The psychologist's profile, empty fields when they have not written one. */
	PsychologistProfile profile(UserId psychologist);

}
