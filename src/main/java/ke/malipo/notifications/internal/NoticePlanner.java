package ke.malipo.notifications.internal;

import java.util.Set;

import ke.malipo.booking.SessionEvent;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Decides who hears what when a session changes, after the change commits (the event
 * publication registry hands each event over until this completes, also after a crash),
 * and writes each notice once: a redelivered event finds its notices written. A payment's
 * changes are told from payments' change feed ({@link PaymentNotices}). Each person is
 * told in their language; notices name people, times in East Africa Time and amounts,
 * never anyone's phone number or session notes.
 */
@Component
class NoticePlanner {

	private final Notices notices;

	private final UserDirectory directory;

	private final Reminders reminders;

	private final Texts texts;

	private final Preferences preferences;

	private final TrackedSessions sessions;

	NoticePlanner(Notices notices, TrackedSessions sessions, UserDirectory directory, Reminders reminders, Texts texts,
			Preferences preferences) {
		this.notices = notices;
		this.sessions = sessions;
		this.directory = directory;
		this.reminders = reminders;
		this.texts = texts;
		this.preferences = preferences;
	}

	@ApplicationModuleListener
	void on(SessionEvent event) {
		String key = "session:" + event.sessionId().value() + ":" + event.getClass().getSimpleName();
		String link = "/sessions/" + event.sessionId().value();
		switch (event) {
			case SessionEvent.Requested requested -> {
				this.sessions.track(requested.sessionId(), "PENDING", requested.clientId(), requested.psychologistId(),
						requested.scheduledAt(), null);
				this.sessions.length(requested.sessionId(), requested.durationMinutes());
				UserId to = requested.psychologistId();
				String lang = language(to);
				tell(key, to, NoticeKind.SESSION_REQUESTED, lang, "session-requested", link, name(requested.clientId()),
						this.texts.at(lang, requested.scheduledAt()));
			}
			case SessionEvent.Approved approved -> {
				this.sessions.track(approved.sessionId(), "APPROVED", approved.clientId(), approved.psychologistId(),
						approved.scheduledAt(), approved.payBy());
				this.reminders.paymentDue(approved, key);
				UserId to = approved.clientId();
				String lang = language(to);
				String body = this.texts.text(lang, "session-approved.body", name(approved.psychologistId()),
						this.texts.at(lang, approved.scheduledAt()), approved.amount().display(),
						this.texts.at(lang, approved.payBy()));
				this.notices.deliverInApp(new Notice(key, to, NoticeKind.SESSION_APPROVED,
						this.texts.text(lang, "session-approved.title"), body, link + "/pay"));
				// Properties 4 and 60: the payment instructions by email too.
				mail(new Notice(key, to, NoticeKind.SESSION_APPROVED,
						this.texts.text(lang, "session-approved.subject", this.texts.at(lang, approved.payBy())), body,
						link + "/pay"), approved.sessionId());
			}
			case SessionEvent.Declined declined -> {
				this.sessions.track(declined.sessionId(), "DECLINED", declined.clientId(), null, null, null);
				String lang = language(declined.clientId());
				tell(key, declined.clientId(), NoticeKind.SESSION_DECLINED, lang, "session-declined", link,
						when(lang, declined.sessionId()), reason(lang, declined.reason()));
			}
			case SessionEvent.Cancelled cancelled -> {
				this.sessions.track(cancelled.sessionId(), "CANCELLED", cancelled.clientId(),
						cancelled.psychologistId(), null, null);
				UserId other = cancelled.cancelledBy().equals(cancelled.clientId()) ? cancelled.psychologistId()
						: cancelled.clientId();
				String lang = language(other);
				tell(key, other, NoticeKind.SESSION_CANCELLED, lang, "session-cancelled", link,
						name(cancelled.cancelledBy()), when(lang, cancelled.sessionId()),
						reason(lang, cancelled.reason()));
			}
			case SessionEvent.Expired expired -> {
				this.sessions.track(expired.sessionId(), "EXPIRED", expired.clientId(), null, null, null);
				String lang = language(expired.clientId());
				tell(key, expired.clientId(), NoticeKind.SESSION_EXPIRED, lang,
						(expired.expiredFrom() == SessionStatus.PENDING) ? "session-lapsed" : "session-unpaid",
						"/sessions/new", when(lang, expired.sessionId()));
			}
			case SessionEvent.Confirmed confirmed -> {
				this.sessions.track(confirmed.sessionId(), "CONFIRMED", confirmed.clientId(),
						confirmed.psychologistId(), confirmed.scheduledAt(), null);
				this.reminders.beforeTheSession(confirmed, key);
			}
			case SessionEvent.Rescheduled moved -> {
				// A session may move more than once: each move is its own event.
				String movedKey = key + ":" + moved.occurredAt().toEpochMilli();
				this.sessions.moved(moved.sessionId(), moved.to(), moved.payBy(), moved.moves());
				this.reminders.moved(moved, movedKey);
				UserId other = moved.by().equals(moved.clientId()) ? moved.psychologistId() : moved.clientId();
				String lang = language(other);
				tell(movedKey, other, NoticeKind.SESSION_RESCHEDULED, lang, "session-rescheduled", link,
						name(moved.by()), this.texts.at(lang, moved.from()), this.texts.at(lang, moved.to()));
				if (moved.status() != SessionStatus.PENDING) {
					// The client's calendar holds the session since approval: the invite
					// moves it there.
					String clientLang = language(moved.clientId());
					mail(new Notice(movedKey, moved.clientId(), NoticeKind.SESSION_RESCHEDULED,
							this.texts.text(clientLang, "session-rescheduled.subject",
									this.texts.at(clientLang, moved.to())),
							this.texts.text(clientLang, "session-rescheduled.body", name(moved.by()),
									this.texts.at(clientLang, moved.from()), this.texts.at(clientLang, moved.to())),
							link), moved.sessionId());
				}
			}
			case SessionEvent.Completed completed ->
				this.sessions.track(completed.sessionId(), "COMPLETED", null, null, null, null);
		}
	}

	/** An in-app notice from the texts {@code <name>.title} and {@code <name>.body}. */
	private void tell(String key, UserId to, NoticeKind kind, String language, String name, @Nullable String link,
			Object... args) {
		this.notices.deliverInApp(this.texts.notice(key, to, kind, language, name, link, args));
	}

	/** Queues the notice as an email to the person's address, sent after this commits. */
	private void mail(Notice notice, SessionId session) {
		this.directory.contact(notice.recipient())
			.ifPresent((contact) -> this.notices.queueEmail(notice, contact.email(), session));
	}

	private String when(String language, SessionId session) {
		return this.sessions.times(session.value())
			.map((times) -> this.texts.text(language, "when", this.texts.at(language, times.start())))
			.orElseGet(() -> this.texts.text(language, "when.unknown"));
	}

	private String language(UserId user) {
		return this.preferences.of(user).language();
	}

	private String name(UserId user) {
		return this.directory.displayNames(Set.of(user)).getOrDefault(user, "—");
	}

	private String reason(String language, @Nullable String reason) {
		return (reason == null || reason.isBlank()) ? "" : this.texts.text(language, "reason", reason.strip());
	}

}
