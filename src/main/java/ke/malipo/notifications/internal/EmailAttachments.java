package ke.malipo.notifications.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.booking.CalendarInvite;
import ke.malipo.booking.SessionId;
import ke.malipo.finance.ReceiptDocuments;
import ke.malipo.identity.UserDirectory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What an email carries beside its text, made when it is sent: the calendar invite that
 * holds the slot (tentative on approval, confirmed once paid) and, with the payment's
 * email, the PDF receipt from finance.
 */
@Component
class EmailAttachments {

	private final TrackedSessions sessions;

	private final ReceiptDocuments receipts;

	private final UserDirectory directory;

	private final Clock clock;

	EmailAttachments(TrackedSessions sessions, ReceiptDocuments receipts, UserDirectory directory, Clock clock) {
		this.sessions = sessions;
		this.receipts = receipts;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * The files for an email of this kind about this session.
	 * @return empty when one that belongs is not ready yet (finance has not yet heard of
	 * the payment): the email waits a moment
	 */
	Optional<List<Attachment>> of(NoticeKind kind, @Nullable UUID session) {
		List<Attachment> files = new ArrayList<>();
		if (session == null) {
			return Optional.of(files);
		}
		boolean confirmed = kind == NoticeKind.PAYMENT_CONFIRMED;
		if (kind == NoticeKind.SESSION_APPROVED || confirmed || kind == NoticeKind.SESSION_RESCHEDULED) {
			// A move sends the same event at its new time, held or paid as the session
			// is,
			// with a higher sequence so calendars replace it.
			this.sessions.times(session)
				.ifPresent((times) -> files.add(invite(session, times,
						(kind == NoticeKind.SESSION_RESCHEDULED) ? times.confirmed() : confirmed)));
		}
		if (confirmed) {
			Optional<ReceiptDocuments.ReceiptDocument> receipt = this.receipts.forSession(new SessionId(session));
			if (receipt.isEmpty()) {
				return Optional.empty();
			}
			files.add(new Attachment("malipo-receipt-" + receipt.get().number() + ".pdf", "application/pdf",
					receipt.get().pdf()));
		}
		return Optional.of(files);
	}

	/**
	 * The session's calendar event; its UID the session's, so each copy replaces the
	 * last.
	 */
	private Attachment invite(UUID session, TrackedSessions.Times times, boolean confirmed) {
		String with = (times.psychologist() != null)
				? this.directory.displayName(times.psychologist()).orElse("your psychologist") : "";
		return new Attachment("appointment.ics", "text/calendar", CalendarInvite.ics(new CalendarInvite.Event(session,
				times.start(), times.minutes(), with, null, null, confirmed, times.moves(), this.clock.instant())));
	}

	/** A file attached to an email. */
	record Attachment(String name, String contentType, byte[] content) {
	}

}
