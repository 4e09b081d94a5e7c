package ke.malipo.notifications.web;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ke.malipo.common.pages.PageController;
import ke.malipo.common.pages.PageWords;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import ke.malipo.notifications.internal.NotificationSettings;
import ke.malipo.notifications.internal.DeliveryLog;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The delivery log for admins: every notice on every channel, to whom (the address
 * masked), its status and tries, and why it failed. Above it, the messages whose fate
 * nobody knows (the provider gave no answer, or the node died mid-send), each waiting for
 * an admin to send it again or leave it: they are never resent blindly.
 */
@PageController
class DeliveryLogPage {

	private static final int SHOWN = 200;

	private final DeliveryLog log;

	private final UserDirectory directory;

	private final NotificationSettings settings;

	private final PageWords words;

	DeliveryLogPage(DeliveryLog log, UserDirectory directory, NotificationSettings settings, PageWords words) {
		this.words = words;
		this.log = log;
		this.directory = directory;
		this.settings = settings;
	}

	@GetMapping("/admin/notifications")
	String log(CurrentUser admin, @org.springframework.web.bind.annotation.RequestParam(
			required = false) @org.jspecify.annotations.Nullable String q, Model model) {
		adminOnly(admin);
		// A person's messages: by any part of their name or email.
		String who = (q == null || q.isBlank()) ? null : q.strip();
		List<DeliveryLog.Delivery> deliveries = this.log.deliveries(SHOWN,
				(who == null) ? null : this.directory.matching(who, 50).stream().map(UserId::value).toList());
		model.addAttribute("q", who);
		List<DeliveryLog.Delivery> undecided = this.log.undecided(this.settings.stuckAfter());
		Map<UserId, String> names = this.directory.displayNames(Stream.of(deliveries, undecided)
			.flatMap(Collection::stream)
			.map(DeliveryLog.Delivery::recipient)
			.collect(Collectors.toSet()));
		model.addAttribute("rows", deliveries.stream().map((delivery) -> row(delivery, names)).toList());
		model.addAttribute("undecided", undecided.stream().map((delivery) -> row(delivery, names)).toList());
		return "admin/notifications";
	}

	/** Sends a message of unknown fate again: the person may get it twice. */
	@PostMapping("/admin/notifications/{id}/send-again")
	String sendAgain(CurrentUser admin, @PathVariable UUID id, RedirectAttributes redirect) {
		return decide(admin, id, true, redirect);
	}

	/** Leaves a message of unknown fate as not delivered. */
	@PostMapping("/admin/notifications/{id}/leave")
	String leave(CurrentUser admin, @PathVariable UUID id, RedirectAttributes redirect) {
		return decide(admin, id, false, redirect);
	}

	private String decide(CurrentUser admin, UUID id, boolean sendAgain, RedirectAttributes redirect) {
		adminOnly(admin);
		if (this.log.decide(id, sendAgain, admin.id(), this.settings.stuckAfter())) {
			redirect.addFlashAttribute("notice", this.words.text(sendAgain ? "deliveries.queued" : "deliveries.left"));
		}
		else {
			redirect.addFlashAttribute("error", this.words.text("deliveries.decided"));
		}
		return "redirect:/admin/notifications";
	}

	private static void adminOnly(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new ForbiddenException("Only admins can see the delivery log.");
		}
	}

	private static Row row(DeliveryLog.Delivery delivery, Map<UserId, String> names) {
		return new Row(delivery.id(), PageWords.when(delivery.createdAt()),
				names.getOrDefault(delivery.recipient(), "—"),
				delivery.channel().toLowerCase(Locale.ROOT).replace('_', '-'), delivery.title(),
				masked(delivery.address()), delivery.status(), delivery.tries(),
				(delivery.sentAt() != null) ? PageWords.when(delivery.sentAt()) : null, delivery.error());
	}

	/**
	 * An address as a log shows it: {@code w***@example.com}, or a phone number with its
	 * middle digits hidden.
	 */
	static @Nullable String masked(@Nullable String address) {
		if (address == null) {
			return null;
		}
		int at = address.indexOf('@');
		if (at > 0) {
			return address.charAt(0) + "***" + address.substring(at);
		}
		return Msisdn.tryParse(address).map(Msisdn::masked).orElse("***");
	}

	/** A line of the log. */
	record Row(UUID id, String when, String recipient, String channel, String title, @Nullable String address,
			String status, int tries, @Nullable String sentAt, @Nullable String error) {
	}

}
