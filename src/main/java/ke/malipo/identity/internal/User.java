package ke.malipo.identity.internal;

import java.time.Instant;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A user account. Psychologists always have a session rate and nobody else has one; the
 * database enforces the same rule.
 */
public record User(UserId id, String name, String email, String passwordHash, @Nullable Msisdn phoneNumber, Role role,
		@Nullable Kes sessionRate, Instant createdAt) {

	public User {
		if ((role == Role.PSYCHOLOGIST) != (sessionRate != null)) {
			throw new IllegalArgumentException("Psychologists, and only they, have a session rate");
		}
	}

	public CurrentUser asCurrentUser() {
		return new CurrentUser(this.id, this.email, this.name, this.role);
	}

}
