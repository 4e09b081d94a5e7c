package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

import ke.malipo.booking.SessionEvent;
import ke.malipo.common.money.Kes;
import ke.malipo.booking.SessionStatus;
import ke.malipo.booking.SessionId;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.Contact;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Plans the SMS that wait for their time: the pay-by nudge of an approved session, and
 * the reminders a day and an hour before a confirmed one (Properties 64, 65). Each waits
 * in the outbox with its session and a cut-off; the sender checks the session again when
 * the time comes, so a cancellation always wins. Texts are discreet ("your appointment",
 * no notes, nobody else's number) and short enough for one SMS.
 */
@Component
class Reminders {

	/** How long before the pay-by deadline an unpaid client is nudged. */
	static final Duration NUDGE_BEFORE_DEADLINE = Duration.ofHours(6);

	/** Nudges wait out the night, East Africa Time. */
	static final LocalTime QUIET_FROM = LocalTime.of(21, 0);

	static final LocalTime QUIET_UNTIL = LocalTime.of(7, 0);

	private final Notices notices;

	private final UserDirectory directory;

	private final NotificationSettings settings;

	private final Texts texts;

	private final Preferences preferences;

	private final Clock clock;

	Reminders(Notices notices, UserDirectory directory, NotificationSettings settings, Texts texts,
			Preferences preferences, Clock clock) {
		this.notices = notices;
		this.directory = directory;
		this.settings = settings;
		this.texts = texts;
		this.preferences = preferences;
		this.clock = clock;
	}

	void paymentDue(SessionEvent.Approved approved, String key) {
		paymentDue(approved.sessionId(), approved.clientId(), approved.amount(), approved.payBy(), key);
	}

	/**
	 * A moved session's reminders follow it: those planned for the old time were
	 * cancelled with the move; these are planned for the new one.
	 */
	void moved(SessionEvent.Rescheduled moved, String key) {
		if (moved.status() == SessionStatus.CONFIRMED) {
			beforeTheSession(moved.sessionId(), moved.clientId(), moved.psychologistId(), moved.to(), key);
		}
		else if (moved.status() == SessionStatus.APPROVED && moved.payBy() != null) {
			paymentDue(moved.sessionId(), moved.clientId(), moved.amount(), moved.payBy(), key);
		}
	}

	private void paymentDue(SessionId session, UserId client, Kes amount, Instant payBy, String key) {
		Instant due = outsideQuietHours(payBy.minus(NUDGE_BEFORE_DEADLINE), payBy);
		if (!due.isAfter(this.clock.instant())) {
			return;
		}
		String lang = this.preferences.of(client).language();
		String text = this.texts.text(lang, "sms.payment-due", amount.display(), this.texts.shortly(lang, payBy),
				this.settings.siteUrl() + "/sessions/" + session.value() + "/pay");
		queue(key, client, NoticeKind.PAYMENT_DUE, "Payment due", text, session, due, payBy);
		// The same nudge in the app, appearing at its time.
		this.notices.queueInApp(new Notice(key + ":" + NoticeKind.PAYMENT_DUE, client, NoticeKind.PAYMENT_DUE,
				this.texts.text(lang, "payment-due.title"),
				this.texts.text(lang, "payment-due.body", amount.display(), this.texts.at(lang, payBy)),
				"/sessions/" + session.value() + "/pay"), session, due, payBy);
	}

	/**
	 * Shows the in-app nudges whose time has come (or cancels those no longer wanted).
	 */
	@Scheduled(fixedDelayString = "${malipo.notifications.send-interval:1s}", initialDelayString = "1s")
	void showDue() {
		this.notices.deliverDueInApp();
	}

	void beforeTheSession(SessionEvent.Confirmed confirmed, String key) {
		beforeTheSession(confirmed.sessionId(), confirmed.clientId(), confirmed.psychologistId(),
				confirmed.scheduledAt(), key);
	}

	private void beforeTheSession(SessionId session, UserId clientId, UserId psychologistId, Instant start,
			String key) {
		Instant now = this.clock.instant();
		// Both people's names, phones and languages in two statements, not one per text.
		Map<UserId, Contact> contacts = this.directory.contacts(Set.of(clientId, psychologistId));
		Map<UserId, String> languages = this.preferences.languages(Set.of(clientId, psychologistId));
		String psychologist = name(contacts.get(psychologistId));
		String client = name(contacts.get(clientId));
		Instant dayBefore = start.minus(Duration.ofDays(1));
		String clientLang = languages.getOrDefault(clientId, Preferences.DEFAULT.language());
		if (dayBefore.isAfter(now)) {
			queue(key, clientId, NoticeKind.REMINDER_DAY_BEFORE, "Appointment tomorrow", this.texts.text(clientLang,
					"sms.reminder-day", psychologist, this.texts.shortly(clientLang, start)), session, dayBefore, start,
					contacts.get(clientId));
		}
		Instant hourBefore = start.minus(Duration.ofHours(1));
		if (hourBefore.isAfter(now)) {
			queue(key, clientId, NoticeKind.REMINDER_HOUR_BEFORE, "Appointment in an hour",
					this.texts.text(clientLang, "sms.reminder-hour", psychologist, this.texts.time(start)), session,
					hourBefore, start, contacts.get(clientId));
			String psychologistLang = languages.getOrDefault(psychologistId, Preferences.DEFAULT.language());
			queue(key, psychologistId, NoticeKind.REMINDER_HOUR_BEFORE, "Appointment in an hour",
					this.texts.text(psychologistLang, "sms.reminder-hour", client, this.texts.time(start)), session,
					hourBefore, start, contacts.get(psychologistId));
		}
	}

	private void queue(String key, UserId recipient, NoticeKind kind, String title, String text, SessionId session,
			Instant due, Instant notAfter) {
		queue(key, recipient, kind, title, text, session, due, notAfter,
				this.directory.contact(recipient).orElse(null));
	}

	private void queue(String key, UserId recipient, NoticeKind kind, String title, String text, SessionId session,
			Instant due, Instant notAfter, @Nullable Contact contact) {
		String phone = (contact != null && contact.phone() != null) ? contact.phone().value() : null;
		this.notices.queueSms(new Notice(key + ":" + kind, recipient, kind, title, text, null), phone, session, due,
				notAfter);
	}

	/**
	 * The nudge's time moved out of 21:00–07:00 EAT: to the morning when that is still an
	 * hour before the deadline, else to the evening before.
	 */
	static Instant outsideQuietHours(Instant due, Instant deadline) {
		ZonedDateTime local = due.atZone(Eat.ZONE);
		LocalTime time = local.toLocalTime();
		if (!time.isBefore(QUIET_UNTIL) && time.isBefore(QUIET_FROM)) {
			return due;
		}
		ZonedDateTime morning = time.isBefore(QUIET_UNTIL) ? local.with(QUIET_UNTIL)
				: local.plusDays(1).with(QUIET_UNTIL);
		if (!morning.toInstant().isAfter(deadline.minus(Duration.ofHours(1)))) {
			return morning.toInstant();
		}
		ZonedDateTime evening = time.isBefore(QUIET_UNTIL) ? local.minusDays(1).with(QUIET_FROM.minusMinutes(30))
				: local.with(QUIET_FROM.minusMinutes(30));
		return evening.toInstant();
	}

	/** A name short enough to keep a reminder in one SMS. */
	private static String name(@Nullable Contact contact) {
		String name = (contact != null) ? contact.name() : "Malipo";
		return (name.length() <= MAX_NAME) ? name : name.substring(0, MAX_NAME).strip() + ".";
	}

	/** The longest name a reminder carries (one SMS is 160 GSM-7 characters). */
	static final int MAX_NAME = 24;

}
