package ke.malipo.identity;

import java.time.Instant;

/**
 * What a person did with their rights over their data, published for the audit trail.
 */
public sealed interface AccountEvent {

	UserId user();

	Role role();

	Instant occurredAt();

	/** The person downloaded a copy of their data. */
	record PersonalDataExported(UserId user, Role role, Instant occurredAt) implements AccountEvent {
	}

	/** The person's account was erased; money records stay, pseudonymised. */
	record AccountErased(UserId user, Role role, Instant occurredAt) implements AccountEvent {
	}

}
