package ke.malipo.booking;

import java.util.UUID;

/** The identity of a therapy session. */
public record SessionId(UUID value) {

	public static SessionId random() {
		return new SessionId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
