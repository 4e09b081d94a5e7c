package ke.malipo.notifications.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An email as the outbox holds it, claimed for sending. */
record OutboxEmail(UUID id, UUID recipient, String address, String subject, String body, @Nullable String link,
		int tries, NoticeKind kind, @Nullable UUID session, Instant createdAt) {
}
