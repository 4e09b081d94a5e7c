package ke.malipo.payments.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionPayments;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.Contact;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.internal.PaymentAttempt;
import ke.malipo.payments.internal.PaymentInitiation;
import ke.malipo.payments.internal.PaymentStatusService;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The payment panel: the session and its price, a phone field, Pay, then "check your
 * phone" with a status that refreshes every 3 seconds until M-Pesa has answered, the
 * receipt on success, the reason and Retry on failure (Properties 11, 15, 16, 17, 24,
 * 27).
 */
@PageController
class PaymentPages {

	/** After this long without an outcome the panel stops refreshing and says so. */
	static final Duration PATIENCE = Duration.ofMinutes(2);

	private final PaymentInitiation initiation;

	private final PaymentStatusService statuses;

	private final SessionPayments sessions;

	private final UserDirectory directory;

	private final Clock clock;

	private final org.springframework.context.MessageSource messages;

	private final ke.malipo.common.pages.PageWords words;

	PaymentPages(PaymentInitiation initiation, PaymentStatusService statuses, SessionPayments sessions,
			UserDirectory directory, Clock clock, org.springframework.context.MessageSource messages,
			ke.malipo.common.pages.PageWords words) {
		this.words = words;
		this.messages = messages;
		this.initiation = initiation;
		this.statuses = statuses;
		this.sessions = sessions;
		this.directory = directory;
		this.clock = clock;
	}

	@GetMapping("/sessions/{id}/pay")
	String panel(@PathVariable UUID id, CurrentUser user, Model model) {
		status(new SessionId(id), user, model);
		return "pay";
	}

	@PostMapping("/sessions/{id}/pay")
	String pay(@PathVariable UUID id, @RequestParam(defaultValue = "") String phoneNumber, CurrentUser user,
			RedirectAttributes redirect) {
		try {
			this.initiation.initiate(user, new SessionId(id), Msisdn.parse(phoneNumber));
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
			redirect.addFlashAttribute("phoneNumber", phoneNumber);
		}
		return "redirect:/sessions/" + id + "/pay";
	}

	/**
	 * The panel's changing part, refreshed in place: the latest attempt and, once it has
	 * failed, the form again with Retry and the number just used, so no reload is needed.
	 */
	@GetMapping("/sessions/{id}/pay/status")
	String statusFragment(@PathVariable UUID id, CurrentUser user, Model model) {
		status(new SessionId(id), user, model);
		return "pay :: status";
	}

	private void status(SessionId session, CurrentUser user, Model model) {
		Optional<PaymentAttempt> attempt = this.statuses.status(session, user);
		model.addAttribute("sessionId", session.value());
		try {
			model.addAttribute("payable", this.sessions.payable(session, user.id()));
		}
		catch (MalipoException ex) {
			// Said instead of the form: why this session cannot be paid (cancelled,
			// expired, paid already), never an invitation to try M-Pesa again.
			model.addAttribute("payable", null);
			model.addAttribute("notPayable", this.words.forPerson(ex));
		}
		model.addAttribute("attempt", attempt.map(this::view).orElse(null));
		if (!model.containsAttribute("phoneNumber")) {
			// What was typed last (an error kept it), else the number of the last try,
			// else
			// the M-Pesa number on the account.
			model.addAttribute("phoneNumber",
					attempt.map((a) -> a.phone().local())
						.or(() -> this.directory.contact(user.id()).map(Contact::phone).map(Msisdn::local))
						.orElse(""));
		}
	}

	private AttemptView view(PaymentAttempt attempt) {
		boolean processing = !attempt.state().isFinal();
		boolean patient = processing && attempt.createdAt().plus(PATIENCE).isAfter(this.clock.instant());
		return new AttemptView(attempt.state().name(), processing, patient,
				Messages.forAttempt(attempt, this.messages,
						org.springframework.context.i18n.LocaleContextHolder.getLocale()),
				Objects.toString(attempt.receipt(), null), attempt.amount().display(), attempt.phone().masked(),
				attempt.state() == AttemptState.FAILED, step(attempt));
	}

	/**
	 * Where the person is in paying, for the steps on the panel: 1 the prompt is on its
	 * way, 2 enter the PIN, 3 M-Pesa is confirming. M-Pesa says nothing between the PIN
	 * and its answer, so after a moment with the prompt out the panel says it is
	 * confirming: a person who entered their PIN sees the money being checked, not a
	 * request to do what they already did.
	 */
	int step(PaymentAttempt attempt) {
		return switch (attempt.state()) {
			case INITIATED -> 1;
			case AWAITING_CUSTOMER -> {
				if (attempt.queued()) {
					yield 1;
				}
				yield attempt.createdAt().plus(TIME_TO_ENTER_PIN).isAfter(this.clock.instant()) ? 2 : 3;
			}
			case UNKNOWN, NEEDS_REVIEW -> 3;
			case PAID, FAILED -> 4;
		};
	}

	/** How long a person typically takes to unlock the phone and enter the PIN. */
	static final Duration TIME_TO_ENTER_PIN = Duration.ofSeconds(15);

	/** What the panel shows of the latest attempt. */
	record AttemptView(String state, boolean processing, boolean keepPolling, String message, @Nullable String receipt,
			String amount, String phoneMasked, boolean canRetry, int step) {
	}

}
