package ke.malipo.booking;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hours and free times over real HTTP (api.md "Booking additions"): a psychologist sets
 * weekly hours with a break and days off; clients see only the free times inside them,
 * never one another session holds; requests outside are refused, and automatic approval
 * lets a client pay at once. Dates are ten days ahead and later, so the test reads the
 * same at any hour.
 */
@MalipoIntegrationTest
class AvailabilityTests {

	private static final ZoneOffset EAT = ZoneOffset.ofHours(3);

	@Autowired
	Api api;

	@Autowired
	Clock clock;

	private LocalDate day;

	@org.junit.jupiter.api.BeforeEach
	void tenDaysAhead() {
		this.day = LocalDate.ofInstant(this.clock.instant(), EAT).plusDays(10);
	}

	private Map<String, Object> hours(boolean autoApprove) {
		String weekday = this.day.getDayOfWeek().name();
		return Map.of("hours", List.of(Map.of("day", weekday, "start", "09:00", "end", "12:00")), "breaks",
				List.of(Map.of("day", weekday, "start", "10:00", "end", "11:00")), "timeOff", List.of(Map.of("from",
						this.day.plusDays(7).toString(), "to", this.day.plusDays(7).toString(), "note", "Conference")),
				"autoApprove", autoApprove);
	}

	private List<java.time.Instant> freeStarts(Account who, Account psychologist) {
		Api.Response slots = this.api.get(
				"/api/psychologists/" + psychologist.id() + "/slots?from=" + this.day + "&to=" + this.day.plusDays(14),
				who.token());
		assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
		return StreamSupport.stream(slots.body().spliterator(), false)
			.map((slot) -> OffsetDateTime.parse(slot.get("start").asString()).toInstant())
			.toList();
	}

	private String at(LocalDate date, int hour) {
		return OffsetDateTime.of(date.atTime(hour, 0), EAT).toString();
	}

	private static java.time.Instant instant(LocalDate date, int hour) {
		return OffsetDateTime.of(date.atTime(hour, 0), EAT).toInstant();
	}

	private Api.Response book(Account client, Account psychologist, String at) {
		return this.api.post("/api/sessions", client.token(),
				Map.of("psychologistId", psychologist.id().toString(), "scheduledAt", at));
	}

	@Test
	void clientsSeeOnlyFreeTimesInsideTheHoursAndCanBookOnlyThere() {
		Account psychologist = this.api.psychologist(2000);
		Account client = this.api.client();
		Api.Response saved = this.api.call(HttpMethod.PUT, "/api/me/availability", psychologist.token(), hours(false));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		assertThat(saved.body().get("set").asBoolean()).isTrue();
		assertThat(this.api.get("/api/me/availability", psychologist.token())
			.body()
			.get("breaks")
			.get(0)
			.get("start")
			.asString()).isEqualTo("10:00");

		// 09:00 fits before the break, 10:00 is on it, 11:00 fits after; the day off a
		// week
		// later has none; the week after has the same two again.
		assertThat(freeStarts(client, psychologist)).containsExactly(instant(this.day, 9), instant(this.day, 11),
				instant(this.day.plusDays(14), 9), instant(this.day.plusDays(14), 11));

		Api.Response onBreak = book(client, psychologist, at(this.day, 10));
		assertThat(onBreak.status()).isEqualTo(409);
		assertThat(onBreak.code()).isEqualTo("OUTSIDE_HOURS");
		assertThat(book(client, psychologist, at(this.day.plusDays(7), 9)).code()).as("a day off")
			.isEqualTo("OUTSIDE_HOURS");
		assertThat(book(client, psychologist, at(this.day.plusDays(1), 9)).code()).as("another weekday")
			.isEqualTo("OUTSIDE_HOURS");

		Api.Response booked = book(client, psychologist, at(this.day, 11));
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		assertThat(booked.text("status")).as("the psychologist still decides").isEqualTo("PENDING");
		assertThat(freeStarts(this.api.client(), psychologist)).as("a requested time is held")
			.doesNotContain(instant(this.day, 11))
			.contains(instant(this.day, 9));
	}

	@Test
	void automaticApprovalLetsTheClientPayAtOnce() {
		Account psychologist = this.api.psychologist(2000);
		Account client = this.api.client();
		assertThat(this.api.call(HttpMethod.PUT, "/api/me/availability", psychologist.token(), hours(true)).status())
			.isEqualTo(200);
		Api.Response booked = book(client, psychologist, at(this.day, 9));
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		assertThat(booked.text("status")).isEqualTo("APPROVED");
		assertThat(booked.body().get("payBy").isNull()).isFalse();
	}

	@Test
	void aPsychologistWithoutHoursTakesAnyTimeAndOffersTheDaytime() {
		Account psychologist = this.api.psychologist(2000);
		Account client = this.api.client();
		assertThat(this.api.get("/api/me/availability", psychologist.token()).body().get("set").asBoolean()).isFalse();
		List<java.time.Instant> starts = freeStarts(client, psychologist);
		assertThat(starts).hasSize(15 * 12)
			.contains(instant(this.day, 8), instant(this.day, 19))
			.doesNotContain(instant(this.day, 20));
		assertThat(book(client, psychologist, at(this.day, 22)).status()).as("any time, as before hours existed")
			.isEqualTo(201);
	}

	@Test
	void badHoursAndQuestionsAreRefusedAndNothingIsSaved() {
		Account psychologist = this.api.psychologist(2000);
		Api.Response backwards = this.api.call(HttpMethod.PUT, "/api/me/availability", psychologist.token(),
				Map.of("hours",
						List.of(Map.of("day", "MONDAY", "start", "17:00", "end", "09:00"),
								Map.of("day", "TUESDAY", "start", "09:00", "end", "12:00"),
								Map.of("day", "TUESDAY", "start", "11:00", "end", "13:00")),
						"timeOff", List.of(Map.of("from", "2027-01-10", "to", "2027-01-01"))));
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.toString()).contains("hours[0].end").contains("hours[2]").contains("timeOff[0].to");
		assertThat(this.api
			.call(HttpMethod.PUT, "/api/me/availability", psychologist.token(),
					Map.of("hours", List.of(Map.of("day", "FUNDAY", "start", "09:00", "end", "12:00"))))
			.status()).isEqualTo(400);
		assertThat(this.api
			.call(HttpMethod.PUT, "/api/me/availability", psychologist.token(),
					Map.of("hours", List.of(Map.of("day", "MONDAY", "start", "9 o'clock", "end", "12:00"))))
			.status()).isEqualTo(400);
		assertThat(this.api.get("/api/me/availability", psychologist.token()).body().get("set").asBoolean())
			.as("nothing half-written")
			.isFalse();

		Account client = this.api.client();
		assertThat(this.api.call(HttpMethod.PUT, "/api/me/availability", client.token(), hours(false)).status())
			.isEqualTo(403);
		String slots = "/api/psychologists/" + psychologist.id() + "/slots";
		assertThat(this.api.get(slots + "?from=" + this.day + "&to=" + this.day.plusDays(40), client.token()).status())
			.as("at most 31 days at once")
			.isEqualTo(400);
		assertThat(this.api.get(slots + "?from=tomorrow", client.token()).status()).isEqualTo(400);
		assertThat(this.api.get(slots + "?length=5", client.token()).status()).isEqualTo(400);
		assertThat(this.api.get("/api/psychologists/" + client.id() + "/slots", client.token()).status())
			.as("a client has no calendar")
			.isEqualTo(404);
		assertThat(this.api.get(slots, null).status()).isEqualTo(401);
	}

}
