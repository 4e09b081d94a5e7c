package ke.malipo.booking.web;

import ke.malipo.booking.internal.Session;
import ke.malipo.profiles.PracticeMode;
import ke.malipo.profiles.ProfileLookup;
import ke.malipo.profiles.PsychologistProfile;
import org.jspecify.annotations.Nullable;

/**
 * Where a session takes place: the psychologist's meeting link for online sessions and
 * their address for sessions in person, as their profile says. Only once the session is
 * approved: a request's client has no claim on either yet.
 */
record SessionPlace(@Nullable String link, @Nullable String address) {

	static final SessionPlace UNKNOWN = new SessionPlace(null, null);

	static SessionPlace of(Session session, ProfileLookup profiles) {
		if (!session.status().isAgreed()) {
			return UNKNOWN;
		}
		PsychologistProfile profile = profiles.profile(session.psychologistId());
		String link = (profile.mode() != PracticeMode.IN_PERSON && !profile.videoLink().isEmpty()) ? profile.videoLink()
				: null;
		String address = (profile.mode() != PracticeMode.ONLINE && !profile.location().isEmpty()) ? profile.location()
				: null;
		return new SessionPlace(link, address);
	}

	boolean known() {
		return this.link != null || this.address != null;
	}

}
