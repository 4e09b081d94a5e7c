package ke.malipo.notifications.internal;

import java.time.Instant;
import java.time.LocalDateTime;

import ke.malipo.common.time.Eat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pay-by nudges wait out the night (21:00–07:00 EAT) unless the deadline will not wait.
 */
class QuietHoursTest {

	@Test
	void aDaytimeNudgeKeepsItsTime() {
		assertThat(Reminders.outsideQuietHours(eat("2026-12-07T14:00"), eat("2026-12-07T20:00")))
			.isEqualTo(eat("2026-12-07T14:00"));
	}

	@Test
	void aNightNudgeWaitsForTheMorningWhenTheDeadlineAllows() {
		assertThat(Reminders.outsideQuietHours(eat("2026-12-07T23:30"), eat("2026-12-08T12:00")))
			.isEqualTo(eat("2026-12-08T07:00"));
		assertThat(Reminders.outsideQuietHours(eat("2026-12-08T02:00"), eat("2026-12-08T09:00")))
			.isEqualTo(eat("2026-12-08T07:00"));
	}

	@Test
	void aNightNudgeGoesTheEveningBeforeWhenTheMorningIsTooLate() {
		assertThat(Reminders.outsideQuietHours(eat("2026-12-08T01:00"), eat("2026-12-08T07:30")))
			.isEqualTo(eat("2026-12-07T20:30"));
		assertThat(Reminders.outsideQuietHours(eat("2026-12-07T22:00"), eat("2026-12-08T04:00")))
			.isEqualTo(eat("2026-12-07T20:30"));
	}

	private static Instant eat(String local) {
		return LocalDateTime.parse(local).atZone(Eat.ZONE).toInstant();
	}

}
