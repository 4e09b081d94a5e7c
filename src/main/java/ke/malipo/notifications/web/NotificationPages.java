package ke.malipo.notifications.web;

import java.util.UUID;

import ke.malipo.common.pages.PageController;
import ke.malipo.common.pages.PageWords;
import ke.malipo.identity.CurrentUser;
import ke.malipo.notifications.internal.Notices;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The bell on every page (its count kept live by htmx) and the notifications page, where
 * a notice is opened (and so read) or all are marked read at once.
 */
@PageController
class NotificationPages {

	private final Notices notices;

	NotificationPages(Notices notices) {
		this.notices = notices;
	}

	@GetMapping("/notifications")
	String page(CurrentUser user, Model model) {
		model.addAttribute("notices",
				this.notices.inApp(user.id(), false)
					.stream()
					.map((notice) -> new Row(notice.id(), notice.title(), notice.body(),
							PageWords.when(notice.createdAt()), notice.readAt() == null))
					.toList());
		return "notifications";
	}

	/** The bell's count, polled by every page. */
	@GetMapping("/notifications/bell")
	String bell(CurrentUser user, Model model) {
		model.addAttribute("unread", this.notices.unreadCount(user.id()));
		return "fragments :: bell";
	}

	/** Opens a notice: it is read now, and its link followed. */
	@PostMapping("/notifications/{id}/open")
	String open(CurrentUser user, @PathVariable UUID id) {
		@Nullable String link = this.notices.markRead(user.id(), id).map(Notices.InApp::link).orElse(null);
		return "redirect:" + ((link != null && link.startsWith("/")) ? link : "/notifications");
	}

	@PostMapping("/notifications/read")
	String readAll(CurrentUser user) {
		this.notices.markAllRead(user.id());
		return "redirect:/notifications";
	}

	/** A notice on the page. */
	record Row(UUID id, String title, String body, String when, boolean unread) {
	}

}
