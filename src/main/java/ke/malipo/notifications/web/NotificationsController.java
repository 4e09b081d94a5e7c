package ke.malipo.notifications.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.problem.NotFoundException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.notifications.internal.Notices;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's in-app notices over the API (api.md, "Notifications"): their own only,
 * newest first; marking one read answers 404 for anyone else's, so ids cannot be probed.
 */
@RestController
class NotificationsController {

	private final Notices notices;

	NotificationsController(Notices notices) {
		this.notices = notices;
	}

	@GetMapping("/api/notifications")
	List<NoticeView> list(CurrentUser user, @RequestParam(defaultValue = "false") boolean unread) {
		return this.notices.inApp(user.id(), unread).stream().map(NoticeView::of).toList();
	}

	@PostMapping("/api/notifications/{id}/read")
	NoticeView read(CurrentUser user, @PathVariable UUID id) {
		return this.notices.markRead(user.id(), id)
			.map(NoticeView::of)
			.orElseThrow(() -> new NotFoundException("NOTIFICATION_NOT_FOUND", "There is no such notification."));
	}

	/** A notice as the API shows it, times in East Africa Time with their offset. */
	record NoticeView(UUID id, String kind, String title, String body, @Nullable String link, OffsetDateTime createdAt,
			@Nullable OffsetDateTime readAt) {

		static NoticeView of(Notices.InApp notice) {
			return new NoticeView(notice.id(), notice.kind(), notice.title(), notice.body(), notice.link(),
					notice.createdAt().atZone(Eat.ZONE).toOffsetDateTime(),
					(notice.readAt() != null) ? notice.readAt().atZone(Eat.ZONE).toOffsetDateTime() : null);
		}

	}

}
