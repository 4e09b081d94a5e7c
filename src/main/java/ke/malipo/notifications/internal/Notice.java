package ke.malipo.notifications.internal;

import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

/**
 * One thing to tell one person: what kind of news it is, its title and sentence, and
 * where to act on it.
 *
 * @param key what makes it unique with its recipient and channel: the event that caused
 * it
 */
record Notice(String key, UserId recipient, NoticeKind kind, String title, String body, @Nullable String link) {
}
