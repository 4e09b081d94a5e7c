package ke.malipo.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

	private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final Notices notices;

	private final ReceiptDocuments receipts;

	private final UserDirectory directory;

	private final Clock clock;

	EmailAttachments(Notices notices, ReceiptDocuments receipts, UserDirectory directory, Clock clock) {
		this.notices = notices;
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
		if (kind == NoticeKind.SESSION_APPROVED || confirmed) {
			int moves = this.notices.moves(session);
			this.notices.sessionTimes(session)
				.ifPresent((times) -> files.add(invite(session, times, confirmed, moves)));
		}
		if (kind == NoticeKind.SESSION_RESCHEDULED) {
			// Moved: the same event at its new time, with a higher sequence so calendars
			// replace it.
			boolean paid = this.notices.isConfirmed(session);
			int moves = this.notices.moves(session);
			this.notices.sessionTimes(session).ifPresent((times) -> files.add(invite(session, times, paid, moves)));
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
	 * An iCalendar event (RFC 5545) for the session: discreet ("Appointment"), its UID
	 * the session's, so the confirmed one replaces the tentative hold in a calendar.
	 */
	private Attachment invite(UUID session, Notices.SessionTimes times, boolean confirmed, int moves) {
		Instant end = times.start().plus(Duration.ofMinutes(times.minutes()));
		String with = (times.psychologist() != null)
				? " with " + this.directory.displayName(times.psychologist()).orElse("your psychologist") : "";
		String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Malipo//Sessions//EN",
				"METHOD:PUBLISH", "BEGIN:VEVENT", "UID:" + session + "@malipo",
				"DTSTAMP:" + ICS_TIME.format(this.clock.instant()), "DTSTART:" + ICS_TIME.format(times.start()),
				"DTEND:" + ICS_TIME.format(end), "SUMMARY:Appointment" + with.replace(",", "\\,"),
				"STATUS:" + (confirmed ? "CONFIRMED" : "TENTATIVE"), "SEQUENCE:" + ((confirmed ? 1 : 0) + 2 * moves),
				"END:VEVENT", "END:VCALENDAR", "");
		return new Attachment("appointment.ics", "text/calendar", ics.getBytes(StandardCharsets.UTF_8));
	}

	/** A file attached to an email. */
	record Attachment(String name, String contentType, byte[] content) {
	}

}
