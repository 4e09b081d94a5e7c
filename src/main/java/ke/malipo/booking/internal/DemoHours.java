package ke.malipo.booking.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import ke.malipo.identity.UserDirectory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The local run's demo psychologist works weekdays 09:00 to 17:00 with lunch 13:00 to
 * 14:00 and Saturday mornings, so free times look like a real practice's. Only where demo
 * accounts are on, and never over hours the psychologist saved.
 */
@Component
@ConditionalOnProperty(name = "malipo.identity.demo-accounts", havingValue = "true")
class DemoHours {

	private final UserDirectory users;

	private final AvailabilityRepository availability;

	private final Clock clock;

	DemoHours(UserDirectory users, AvailabilityRepository availability, Clock clock) {
		this.users = users;
		this.availability = availability;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void write() {
		List<Availability.Hours> hours = new java.util.ArrayList<>();
		List<Availability.Hours> breaks = new java.util.ArrayList<>();
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			hours.add(new Availability.Hours(day, LocalTime.of(9, 0), LocalTime.of(17, 0)));
			breaks.add(new Availability.Hours(day, LocalTime.of(13, 0), LocalTime.of(14, 0)));
		}
		hours.add(new Availability.Hours(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)));
		Availability demo = new Availability(hours, breaks, List.of(), false).checked();
		this.users.byEmail("psychologist@malipo.local")
			.filter((id) -> this.availability.find(id).isEmpty())
			.ifPresent((id) -> this.availability.save(id, demo, this.clock.instant()));
	}

}
