package ke.malipo.booking.web;

import java.time.Clock;
import java.util.UUID;

import ke.malipo.booking.CalendarInvite;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.booking.internal.Bookings;
import ke.malipo.booking.internal.Session;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.profiles.ProfileLookup;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A session as a calendar file, for its client and psychologist (and admins), once it is
 * approved: the same event the emails carry, with the meeting link or address.
 */
@RestController
class CalendarController {

	private final Bookings bookings;

	private final UserDirectory directory;

	private final ProfileLookup profiles;

	private final Clock clock;

	CalendarController(Bookings bookings, UserDirectory directory, ProfileLookup profiles, Clock clock) {
		this.bookings = bookings;
		this.directory = directory;
		this.profiles = profiles;
		this.clock = clock;
	}

	@GetMapping({ "/api/sessions/{id}/calendar.ics", "/sessions/{id}/calendar.ics" })
	ResponseEntity<byte[]> calendar(@PathVariable UUID id, CurrentUser user) {
		Session session = this.bookings.find(new SessionId(id), user);
		SessionStatus status = session.status();
		if (!status.isAgreed()) {
			throw new NotFoundException("NO_CALENDAR_EVENT",
					"This session has no calendar event: it is added once the psychologist approves it.");
		}
		boolean asPsychologist = session.psychologistId().equals(user.id());
		String with = this.directory.displayName(asPsychologist ? session.clientId() : session.psychologistId())
			.orElse("");
		SessionPlace place = SessionPlace.of(session, this.profiles);
		byte[] ics = CalendarInvite.ics(new CalendarInvite.Event(id, session.scheduledAt(), session.durationMinutes(),
				with, (place.address() != null) ? place.address() : place.link(), place.link(),
				status != SessionStatus.APPROVED, session.moves(), this.clock.instant()));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/calendar; charset=utf-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"appointment.ics\"")
			.cacheControl(CacheControl.noStore())
			.body(ics);
	}

}
