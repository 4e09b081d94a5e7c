package ke.malipo.notifications.internal;

import java.util.Set;

import ke.malipo.booking.SessionEvent;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Decides who hears what when a session or a payment changes, after the change commits
 * (the event publication registry hands each event over until this completes, also after
 * a crash), and writes each notice once: a redelivered event finds its notices written.
 * Notices name people, times in East Africa Time and amounts, never anyone's phone number
 * or session notes.
 */
@Component
class NoticePlanner {

	private final Notices notices;

	private final UserDirectory directory;

	private final Reminders reminders;

	NoticePlanner(Notices notices, UserDirectory directory, Reminders reminders) {
		this.notices = notices;
		this.directory = directory;
		this.reminders = reminders;
	}

	@ApplicationModuleListener
	void on(SessionEvent event) {
		String key = "session:" + event.sessionId().value() + ":" + event.getClass().getSimpleName();
		String link = "/sessions/" + event.sessionId().value();
		switch (event) {
			case SessionEvent.Requested requested -> {
				this.notices.track(requested.sessionId(), "PENDING", requested.clientId(), requested.psychologistId(),
						requested.scheduledAt(), null);
				tell(new Notice(key, requested.psychologistId(), NoticeKind.SESSION_REQUESTED, "New session request",
						name(requested.clientId()) + " asked for a session on " + at(requested.scheduledAt())
								+ ". Approve or decline it.",
						link));
			}
			case SessionEvent.Approved approved -> {
				this.notices.track(approved.sessionId(), "APPROVED", approved.clientId(), approved.psychologistId(),
						approved.scheduledAt(), approved.payBy());
				this.reminders.paymentDue(approved, key);
				String body = name(approved.psychologistId()) + " approved your session on "
						+ at(approved.scheduledAt()) + ". Pay " + approved.amount().display() + " with M-Pesa by "
						+ at(approved.payBy()) + " to confirm it.";
				tell(new Notice(key, approved.clientId(), NoticeKind.SESSION_APPROVED, "Session approved: please pay",
						body, link + "/pay"));
				// Properties 4 and 60: the payment instructions by email too.
				mail(new Notice(key, approved.clientId(), NoticeKind.SESSION_APPROVED,
						"Your session is approved: pay by " + at(approved.payBy()), body, link + "/pay"));
			}
			case SessionEvent.Declined declined -> declined(declined, key, link);
			case SessionEvent.Cancelled cancelled -> cancelled(cancelled, key, link);
			case SessionEvent.Expired expired -> {
				this.notices.track(expired.sessionId(), "EXPIRED", expired.clientId(), null, null, null);
				expired(expired, key);
			}
			case SessionEvent.Confirmed confirmed -> {
				this.notices.track(confirmed.sessionId(), "CONFIRMED", confirmed.clientId(), confirmed.psychologistId(),
						confirmed.scheduledAt(), null);
				this.reminders.beforeTheSession(confirmed, key);
			}
			case SessionEvent.Completed completed ->
				this.notices.track(completed.sessionId(), "COMPLETED", null, null, null, null);
		}
	}

	private void declined(SessionEvent.Declined declined, String key, String link) {
		this.notices.track(declined.sessionId(), "DECLINED", declined.clientId(), null, null, null);
		tell(new Notice(key, declined.clientId(), NoticeKind.SESSION_DECLINED, "Session declined",
				"Your request for the session " + when(declined.sessionId()) + " was declined."
						+ reason(declined.reason()),
				link));
	}

	private void cancelled(SessionEvent.Cancelled cancelled, String key, String link) {
		this.notices.track(cancelled.sessionId(), "CANCELLED", cancelled.clientId(), cancelled.psychologistId(), null,
				null);
		UserId other = cancelled.cancelledBy().equals(cancelled.clientId()) ? cancelled.psychologistId()
				: cancelled.clientId();
		tell(new Notice(
				key, other, NoticeKind.SESSION_CANCELLED, "Session cancelled", name(cancelled.cancelledBy())
						+ " cancelled the session " + when(cancelled.sessionId()) + "." + reason(cancelled.reason()),
				link));
	}

	private void expired(SessionEvent.Expired expired, String key) {
		if (expired.expiredFrom() == SessionStatus.PENDING) {
			tell(new Notice(key, expired.clientId(), NoticeKind.SESSION_EXPIRED, "Session request expired",
					"Your request for the session " + when(expired.sessionId())
							+ " was not approved before it was due, so it has lapsed. You can book another time.",
					"/sessions/new"));
			return;
		}
		tell(new Notice(key, expired.clientId(), NoticeKind.SESSION_EXPIRED, "Session expired: not paid",
				"The session " + when(expired.sessionId())
						+ " was not paid by its deadline, so its time was freed. You can book again.",
				"/sessions/new"));
	}

	/**
	 * The money proven: the psychologist hears it at once (Properties 25, 62), the client
	 * too; a failure tells the client why and how to try again (Property 63).
	 */
	@ApplicationModuleListener
	void on(PaymentEvent event) {
		PaymentFacts payment = event.payment();
		String key = "payment:" + payment.id().value() + ":" + payment.version();
		String link = "/sessions/" + payment.sessionId().value();
		switch (event) {
			case PaymentEvent.PaymentConfirmed confirmed -> {
				String receipt = (payment.receipt() != null) ? "M-Pesa receipt " + payment.receipt() + "."
						: "M-Pesa confirmed it; the receipt number follows.";
				tell(new Notice(key, payment.psychologistId(), NoticeKind.PAYMENT_CONFIRMED, "Payment received",
						name(payment.clientId()) + " paid " + payment.amount().display() + " for the session "
								+ when(payment.sessionId()) + ". " + receipt,
						link));
				String booked = "Your payment of " + payment.amount().display() + " is confirmed and your session "
						+ when(payment.sessionId()) + " is booked. " + receipt;
				tell(new Notice(key, payment.clientId(), NoticeKind.PAYMENT_CONFIRMED, "Payment confirmed", booked,
						link));
				// Properties 26 and 61: the receipt by email.
				mail(new Notice(
						key, payment.clientId(), NoticeKind.PAYMENT_CONFIRMED, (payment.receipt() != null)
								? "Payment received: M-Pesa receipt " + payment.receipt() : "Payment received",
						booked, link));
			}
			case PaymentEvent.PaymentFailed failed ->
				tell(new Notice(key, payment.clientId(), NoticeKind.PAYMENT_FAILED, "Payment did not go through",
						failure(failed) + " You can pay again.", link + "/pay"));
			default -> {
			}
		}
	}

	/**
	 * Why, in the words payments wrote for the client; a decision of our team is told
	 * without its author's words, which were written for the record.
	 */
	private static String failure(PaymentEvent.PaymentFailed failed) {
		boolean byOurTeam = failed.steps().stream().anyMatch((step) -> step.kind() == HistoryKind.RESOLVED);
		String outcome = failed.payment().outcome();
		if (byOurTeam || outcome == null) {
			return "Our team checked this payment with M-Pesa: no money was taken for it.";
		}
		return outcome;
	}

	private void tell(Notice notice) {
		this.notices.deliverInApp(notice);
	}

	/** Queues the notice as an email to the person's address, sent after this commits. */
	private void mail(Notice notice) {
		this.directory.contact(notice.recipient())
			.ifPresent((contact) -> this.notices.queueEmail(notice, contact.email()));
	}

	private String when(SessionId session) {
		return this.notices.sessionAt(session).map((time) -> "on " + at(time)).orElse("you booked");
	}

	private String name(UserId user) {
		return this.directory.displayNames(Set.of(user)).getOrDefault(user, "Someone");
	}

	/** A moment in East Africa Time, saying so: a notice may be read anywhere. */
	private static String at(java.time.Instant instant) {
		return Eat.display(instant) + " EAT";
	}

	private static String reason(@Nullable String reason) {
		return (reason == null || reason.isBlank()) ? "" : " Reason given: " + reason.strip();
	}

}
