package ke.malipo.notifications.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import ke.malipo.notifications.internal.Notices;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The delivery log for admins: every notice on every channel, to whom (the address
 * masked), its status and tries, and why it failed. A row still SENDING long after its
 * time was claimed by a node that died mid-send: it was not sent again, and may or may
 * not have arrived.
 */
@Controller
class DeliveryLogPage {

	private static final int SHOWN = 200;

	private final Notices notices;

	private final UserDirectory directory;

	DeliveryLogPage(Notices notices, UserDirectory directory) {
		this.notices = notices;
		this.directory = directory;
	}

	@GetMapping("/admin/notifications")
	String log(CurrentUser admin, Model model) {
		if (!admin.isAdmin()) {
			throw new ForbiddenException("Only admins can see the delivery log.");
		}
		List<Notices.Delivery> deliveries = this.notices.deliveries(SHOWN);
		Map<UserId, String> names = this.directory
			.displayNames(deliveries.stream().map(Notices.Delivery::recipient).collect(Collectors.toSet()));
		model.addAttribute("rows", deliveries.stream()
			.map((delivery) -> new Row(Eat.display(delivery.createdAt()), names.getOrDefault(delivery.recipient(), "—"),
					delivery.channel().toLowerCase(Locale.ROOT).replace('_', '-'), delivery.title(),
					masked(delivery.address()), delivery.status(), delivery.tries(),
					(delivery.sentAt() != null) ? Eat.display(delivery.sentAt()) : null, delivery.error()))
			.toList());
		return "admin/notifications";
	}

	/** An email address as a log shows it: {@code w***@example.com}. */
	static @Nullable String masked(@Nullable String address) {
		if (address == null) {
			return null;
		}
		int at = address.indexOf('@');
		return (at <= 0) ? "***" : address.charAt(0) + "***" + address.substring(at);
	}

	/** A line of the log. */
	record Row(String when, String recipient, String channel, String title, @Nullable String address, String status,
			int tries, @Nullable String sentAt, @Nullable String error) {
	}

}
