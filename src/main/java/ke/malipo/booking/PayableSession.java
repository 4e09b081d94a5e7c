package ke.malipo.booking;

import java.time.Instant;

import ke.malipo.common.money.Kes;
import ke.malipo.identity.UserId;

/** A session its client may pay now, with what the payment needs to know. */
public record PayableSession(SessionId id, UserId clientId, UserId psychologistId, Kes amount, Instant scheduledAt,
		Instant payBy) {
}
