package ke.malipo.identity;

import java.util.UUID;

/** The identity of a user account. */
public record UserId(UUID value) {

	public static UserId random() {
		return new UserId(UUID.randomUUID());
	}

	public static UserId of(String text) {
		return new UserId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
