package ke.malipo.booking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A session as an iCalendar event (RFC 5545), the same from the session page and in
 * emails: its UID is the session's, so every copy is one event in a calendar, and its
 * SEQUENCE grows with each change (held, then paid, then each move), so a calendar keeps
 * the latest. The summary is discreet ("Appointment"): calendars are often shared.
 */
public final class CalendarInvite {

	private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private CalendarInvite() {
	}

	/** The event's sequence: held 0, paid 1, and two more for each move. */
	public static int sequence(boolean confirmed, int moves) {
		return (confirmed ? 1 : 0) + 2 * moves;
	}

	/** What the event says. {@code where} is an address or a meeting link, when known. */
	public record Event(UUID session, Instant start, int minutes, String with, @Nullable String where,
			@Nullable String link, boolean confirmed, int moves, Instant stamp) {
	}

	public static byte[] ics(Event event) {
		List<String> lines = new ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Malipo//Sessions//EN",
				"METHOD:PUBLISH", "BEGIN:VEVENT", "UID:" + event.session() + "@malipo",
				"DTSTAMP:" + ICS_TIME.format(event.stamp()), "DTSTART:" + ICS_TIME.format(event.start()),
				"DTEND:" + ICS_TIME.format(event.start().plusSeconds(60L * event.minutes())),
				"SUMMARY:" + text("Appointment" + (event.with().isEmpty() ? "" : " with " + event.with()))));
		if (event.where() != null && !event.where().isBlank()) {
			lines.add("LOCATION:" + text(event.where()));
		}
		if (event.link() != null && !event.link().isBlank()) {
			lines.add("URL:" + event.link());
		}
		lines.addAll(List.of("STATUS:" + (event.confirmed() ? "CONFIRMED" : "TENTATIVE"),
				"SEQUENCE:" + sequence(event.confirmed(), event.moves()), "END:VEVENT", "END:VCALENDAR", ""));
		return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
	}

	/** Text as RFC 5545 writes it: backslash, comma, semicolon escaped, one line. */
	static String text(String value) {
		return value.replace("\\", "\\\\")
			.replace(",", "\\,")
			.replace(";", "\\;")
			.replace("\r", "")
			.replace("\n", "\\n");
	}

}
