package ke.malipo.notifications.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An email as the outbox holds it, claimed for sending, with its recipient's language
 * read in the same statement (one lookup per message took a round trip each).
 */
record OutboxEmail(UUID id, UUID recipient, String address, String subject, String body, @Nullable String link,
		int tries, NoticeKind kind, @Nullable UUID session, Instant createdAt, String language) {
}
