package ke.malipo.booking.web;

import java.time.Instant;

/** Session times as people in Kenya read them, for templates. */
public final class SessionTimes {

	private SessionTimes() {
	}

	public static String format(Instant instant) {
		return SessionPages.WHEN.format(instant);
	}

}
