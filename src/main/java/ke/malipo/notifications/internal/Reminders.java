package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import ke.malipo.booking.SessionEvent;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.Contact;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;

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

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private final Notices notices;

	private final UserDirectory directory;

	private final NotificationSettings settings;

	private final Clock clock;

	Reminders(Notices notices, UserDirectory directory, NotificationSettings settings, Clock clock) {
		this.notices = notices;
		this.directory = directory;
		this.settings = settings;
		this.clock = clock;
	}

	void paymentDue(SessionEvent.Approved approved, String key) {
		Instant due = outsideQuietHours(approved.payBy().minus(NUDGE_BEFORE_DEADLINE), approved.payBy());
		if (!due.isAfter(this.clock.instant())) {
			return;
		}
		String text = "Malipo: please pay " + approved.amount().display() + " by " + eat(approved.payBy(), DAY_AND_TIME)
				+ " EAT to keep your appointment. " + this.settings.siteUrl() + "/sessions/"
				+ approved.sessionId().value() + "/pay";
		queue(key, approved.clientId(), NoticeKind.PAYMENT_DUE, "Payment due", text, approved, due, approved.payBy());
	}

	void beforeTheSession(SessionEvent.Confirmed confirmed, String key) {
		Instant start = confirmed.scheduledAt();
		Instant now = this.clock.instant();
		String psychologist = name(confirmed.psychologistId());
		String client = name(confirmed.clientId());
		Instant dayBefore = start.minus(Duration.ofDays(1));
		if (dayBefore.isAfter(now)) {
			queue(key, confirmed.clientId(), NoticeKind.REMINDER_DAY_BEFORE, "Appointment tomorrow",
					"Malipo reminder: your appointment with " + psychologist + " is tomorrow, "
							+ eat(start, DAY_AND_TIME) + " EAT.",
					confirmed, dayBefore, start);
		}
		Instant hourBefore = start.minus(Duration.ofHours(1));
		if (hourBefore.isAfter(now)) {
			queue(key, confirmed.clientId(), NoticeKind.REMINDER_HOUR_BEFORE, "Appointment in an hour",
					"Malipo reminder: your appointment with " + psychologist + " starts at " + eat(start, TIME)
							+ " EAT today.",
					confirmed, hourBefore, start);
			queue(key, confirmed.psychologistId(), NoticeKind.REMINDER_HOUR_BEFORE, "Appointment in an hour",
					"Malipo reminder: your appointment with " + client + " starts at " + eat(start, TIME)
							+ " EAT today.",
					confirmed, hourBefore, start);
		}
	}

	private void queue(String key, UserId recipient, NoticeKind kind, String title, String text, SessionEvent event,
			Instant due, Instant notAfter) {
		String phone = this.directory.contact(recipient)
			.map(Contact::phone)
			.map((msisdn) -> (msisdn != null) ? msisdn.value() : null)
			.orElse(null);
		this.notices.queueSms(new Notice(key + ":" + kind, recipient, kind, title, text, null), phone,
				event.sessionId(), due, notAfter);
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

	private String name(UserId user) {
		return this.directory.displayName(user).orElse("your psychologist");
	}

	private static String eat(Instant instant, DateTimeFormatter format) {
		return format.format(instant.atZone(Eat.ZONE));
	}

}
