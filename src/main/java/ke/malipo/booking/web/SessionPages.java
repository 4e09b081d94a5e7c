package ke.malipo.booking.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.common.pages.PageWords;
import ke.malipo.booking.PaymentStatus;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.booking.internal.Bookings;
import ke.malipo.booking.internal.Session;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sessions pages: a client's sessions with Pay Now, booking, and a psychologist's
 * requests and upcoming sessions with paid and unpaid told apart at a glance.
 */
@PageController
class SessionPages {

	private final Bookings bookings;

	private final UserDirectory directory;

	private final ke.malipo.profiles.ProfileLookup profiles;

	private final PageWords words;

	SessionPages(Bookings bookings, UserDirectory directory, ke.malipo.profiles.ProfileLookup profiles,
			PageWords words) {
		this.words = words;
		this.bookings = bookings;
		this.directory = directory;
		this.profiles = profiles;
	}

	/** Sessions per page: enough for a busy week, few enough to render at once. */
	static final int PAGE_SIZE = 25;

	@GetMapping("/sessions")
	String sessions(CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
		addPage(user, page, model);
		return "sessions";
	}

	/**
	 * The list alone, refreshed in place (a psychologist sees payments arrive without
	 * reloading). The page asks with the version it shows; while nothing changed the
	 * answer is 204 and htmx leaves the list alone, so keyboard focus and a screen
	 * reader's place stay where they were.
	 */
	@GetMapping("/sessions/rows")
	String rowsFragment(CurrentUser user, @RequestParam(defaultValue = "0") int page,
			@RequestParam(required = false) @Nullable String since, Model model, HttpServletResponse response) {
		addPage(user, page, model);
		if (since != null && since.equals(model.getAttribute("version"))) {
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return "fragments :: nothing";
		}
		return "sessions :: rows";
	}

	/**
	 * One session: who, when, price, status, payment status and its M-Pesa receipt
	 * (Property 34), its actions, and its payment attempts (loaded from the payments
	 * module's page).
	 */
	@GetMapping("/sessions/{id}")
	String detail(@PathVariable UUID id, CurrentUser user, Model model) {
		Session session = this.bookings.find(new SessionId(id), user);
		model.addAttribute("row", row(session, user));
		model.addAttribute("detail", session);
		model.addAttribute("notes", session.notesFor(user.id()));
		model.addAttribute("client", this.directory.displayName(session.clientId()).orElse("—"));
		model.addAttribute("psychologist", this.directory.displayName(session.psychologistId()).orElse("—"));
		model.addAttribute("place", SessionPlace.of(session, this.profiles));
		model.addAttribute("hasCalendar", session.status().isAgreed());
		return "session";
	}

	/**
	 * The booking form; {@code psychologist} and {@code at} choose one and a free time in
	 * advance (booking from a profile).
	 */
	@GetMapping("/sessions/new")
	String bookForm(@RequestParam(required = false) @Nullable UUID psychologist,
			@RequestParam(required = false) @Nullable String at, Model model) {
		model.addAttribute("psychologists", this.directory.psychologists());
		model.addAttribute("chosen", psychologist);
		if (at != null) {
			try {
				// Only a well-formed time is carried into the form.
				model.addAttribute("when", LocalDateTime.parse(at).toString());
			}
			catch (DateTimeParseException ex) {
				model.addAttribute("error", words("notice.unreadableTime"));
			}
		}
		return "book";
	}

	@PostMapping("/sessions/new")
	String book(CurrentUser user, @RequestParam(required = false) @Nullable UUID psychologistId,
			@RequestParam(required = false) @Nullable String when, @RequestParam(defaultValue = "50") int duration,
			@RequestParam(required = false) @Nullable String notes, RedirectAttributes redirect, Model model) {
		try {
			if (psychologistId == null || when == null || when.isBlank()) {
				throw new InvalidInputException(List.of(new FieldProblem(
						(psychologistId == null) ? "psychologistId" : "when", "choose a psychologist and a time")));
			}
			Instant at = LocalDateTime.parse(when).atZone(Eat.ZONE).toInstant();
			this.bookings.request(user, new UserId(psychologistId), at, duration,
					(notes == null || notes.isBlank()) ? null : notes.strip());
			redirect.addFlashAttribute("notice", words("notice.requested"));
			return "redirect:/sessions";
		}
		catch (MalipoException | DateTimeParseException ex) {
			// Everything the client chose stays as it was, so only the mistake needs
			// fixing.
			model.addAttribute("error", message(ex));
			model.addAttribute("psychologists", this.directory.psychologists());
			model.addAttribute("chosen", psychologistId);
			model.addAttribute("when", when);
			model.addAttribute("duration", duration);
			model.addAttribute("notes", notes);
			return "book";
		}
	}

	@PostMapping("/sessions/{id}/{action}")
	String act(@PathVariable UUID id, @PathVariable String action, CurrentUser user,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String when,
			@RequestParam(defaultValue = "false") boolean fromDetail, RedirectAttributes redirect) {
		try {
			SessionId sessionId = new SessionId(id);
			String why = (reason == null || reason.isBlank()) ? null : reason.strip();
			String notice = switch (action) {
				case "approve" -> {
					Session approved = this.bookings.approve(sessionId, user);
					yield words("notice.approved", other(approved, user),
							PageWords.when(java.util.Objects.requireNonNull(approved.payBy())));
				}
				case "decline" -> {
					Session declined = this.bookings.decline(sessionId, user, why);
					yield words((why != null) ? "notice.declinedWithReason" : "notice.declined", other(declined, user));
				}
				case "reschedule" -> {
					if (when == null || when.isBlank()) {
						throw new InvalidInputException("when", "choose the new date and time");
					}
					Session moved = this.bookings.reschedule(sessionId, user,
							LocalDateTime.parse(when).atZone(Eat.ZONE).toInstant());
					yield words("notice.moved", PageWords.when(moved.scheduledAt()), other(moved, user));
				}
				case "cancel" -> {
					Session cancelled = this.bookings.cancel(sessionId, user, why);
					yield words((why != null) ? "notice.cancelledWithReason" : "notice.cancelled",
							other(cancelled, user));
				}
				default -> throw new NotFoundException("NOT_FOUND", "There is no such action.");
			};
			redirect.addFlashAttribute("notice", notice);
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
		}
		catch (DateTimeParseException ex) {
			redirect.addFlashAttribute("error", words("notice.moveWhen"));
		}
		return fromDetail ? "redirect:/sessions/" + id : "redirect:/sessions";
	}

	/** A notice in the language of the page that asked. */
	private String words(String key, Object... args) {
		return this.words.text(key, args);
	}

	/** The other person of the session, by name, as the one acting sees them. */
	private String other(Session session, CurrentUser user) {
		return this.directory.displayName(otherSide(session, user))
			.orElse(session.clientId().equals(user.id()) ? "The psychologist" : "The client");
	}

	private void addPage(CurrentUser user, int page, Model model) {
		Bookings.SessionPage found = this.bookings.page(user, page, PAGE_SIZE);
		// One look-up of the names on the page, not one per row: the list refreshes every
		// few seconds for everyone who has it open.
		java.util.Map<UserId, String> names = this.directory
			.displayNames(found.sessions().stream().map((session) -> otherSide(session, user)).toList());
		List<Row> rows = found.sessions()
			.stream()
			.map((session) -> row(session, user, names.getOrDefault(otherSide(session, user), "—")))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("version", version(rows, found.hasMore()));
		model.addAttribute("page", found.page());
		model.addAttribute("hasMore", found.hasMore());
	}

	/**
	 * A digest of what the list shows, so a refresh can tell whether anything changed.
	 */
	static String version(List<Row> rows, boolean hasMore) {
		return ke.malipo.common.secrets.Digests.sha256Hex(rows.toString() + hasMore).substring(0, 24);
	}

	/** The person on the other side of the session from the viewer's role. */
	private static UserId otherSide(Session session, CurrentUser user) {
		return session.clientId().equals(user.id()) ? session.psychologistId() : session.clientId();
	}

	private Row row(Session session, CurrentUser user) {
		return row(session, user, this.directory.displayName(otherSide(session, user)).orElse("—"));
	}

	private Row row(Session session, CurrentUser user, String otherName) {
		boolean mine = session.clientId().equals(user.id());
		boolean assigned = session.psychologistId().equals(user.id());
		SessionStatus status = session.status();
		PaymentStatus payment = session.payment().status();
		return new Row(session.id().value(), PageWords.when(session.scheduledAt()), otherName,
				session.amount().display(), status.name(), payment.name(),
				java.util.Objects.toString(session.payment().receiptNumber(), null),
				(session.payBy() != null) ? PageWords.when(session.payBy()) : null,
				// Never "Pay now" beside "Payment in progress": one payment at a time.
				mine && status == SessionStatus.APPROVED
						&& (payment == PaymentStatus.UNPAID || payment == PaymentStatus.FAILED),
				(mine || assigned) && (status == SessionStatus.PENDING || status == SessionStatus.APPROVED)
						&& payment != PaymentStatus.PROCESSING,
				assigned && status == SessionStatus.PENDING,
				(mine || assigned) && (status == SessionStatus.PENDING || status == SessionStatus.APPROVED
						|| status == SessionStatus.CONFIRMED) && payment != PaymentStatus.PROCESSING);
	}

	private String message(Exception ex) {
		return (ex instanceof MalipoException problem) ? this.words.forPerson(problem) : words("notice.enterTime");
	}

	/** A session as a row of the page. */
	record Row(UUID id, String when, String with, String amount, String status, String paymentStatus,
			@Nullable String receipt, @Nullable String payBy, boolean canPay, boolean canCancel, boolean canDecide,
			boolean canMove) {
	}

}
