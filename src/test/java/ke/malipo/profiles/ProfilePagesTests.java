package ke.malipo.profiles;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static ke.malipo.support.PageSession.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile, hours and free-times pages as a psychologist and a client use them (issue
 * 14): a mistake keeps what was typed; saved hours bound the free times a client is
 * offered, and a free time opens the booking form with it chosen.
 */
@MalipoIntegrationTest
class ProfilePagesTests {

	@Autowired
	Api api;

	@Autowired
	Clock clock;

	@LocalServerPort
	int port;

	@Test
	void aPsychologistWritesTheirProfileAndAMistakeKeepsWhatWasTyped() throws Exception {
		Account psychologist = this.api.register("PSYCHOLOGIST", 2200L, "Dr Pages");
		PageSession pages = new PageSession(this.port).signIn(psychologist);
		String form = pages.get("/profile").body();
		HttpResponse<String> refused = pages
			.post("/profile",
					"bio=" + enc("I listen first.") + "&specialties=" + enc("Trauma, Couples")
							+ "&languages=English&mode=ONLINE&location=Kilimani&licenceNumber=" + enc("<b>bold</b>"),
					form);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("licenceNumber")
			.contains("I listen first.")
			.contains("value=\"Trauma, Couples\"")
			.contains("value=\"Kilimani\"")
			.doesNotContain("<b>bold</b>");
		HttpResponse<String> saved = pages.post("/profile",
				"bio=" + enc("I listen first.") + "&specialties=" + enc("Trauma, Couples")
						+ "&languages=English&mode=ONLINE&location=Kilimani&licenceNumber=" + enc("KCPB/77"),
				form);
		assertThat(saved.statusCode()).isEqualTo(302);
		String page = pages.get("/psychologists/" + psychologist.id()).body();
		assertThat(page).contains("Saved.").contains("Trauma, Couples").contains("KCPB/77").contains("Online");
	}

	@Test
	void savedHoursBoundTheFreeTimesAndAFreeTimeOpensTheBookingForm() throws Exception {
		Account psychologist = this.api.register("PSYCHOLOGIST", 2200L, "Dr Hours");
		PageSession pages = new PageSession(this.port).signIn(psychologist);
		String form = pages.get("/availability").body();
		assertThat(form).contains("You have not set your hours yet");
		LocalDate day = LocalDate.ofInstant(this.clock.instant(), ZoneId.of("Africa/Nairobi")).plusDays(9);
		String key = day.getDayOfWeek().name().toLowerCase();
		HttpResponse<String> saved = pages.post("/availability",
				key + ".works=true&" + key + ".start=15:00&" + key + ".end=17:00&" + key + ".breakStart=&" + key
						+ ".breakEnd=&off.from=" + day.plusDays(7) + "&off.to=" + day.plusDays(7) + "&off.note="
						+ enc("Family visit"),
				form);
		assertThat(saved.statusCode()).isEqualTo(302);
		String again = pages.get("/availability").body();
		assertThat(again).doesNotContain("You have not set your hours yet")
			.contains("value=\"15:00\"")
			.contains("Family visit");

		PageSession client = new PageSession(this.port).signIn(this.api.client());
		String week = client.get("/psychologists/" + psychologist.id() + "/free-times?from=" + day).body();
		assertThat(week).contains(">15:00<").contains(">16:00<").doesNotContain(">14:00<").doesNotContain(">17:00<");
		String chosenAt = day + "T15:00";
		assertThat(week).contains("at=" + chosenAt);
		assertThat(client.get("/psychologists/" + psychologist.id() + "/free-times?from=" + day.plusDays(7)).body())
			.as("the day off")
			.contains("No free times this week");
		String booking = client.get("/sessions/new?psychologist=" + psychologist.id() + "&at=" + chosenAt).body();
		assertThat(booking).contains("value=\"" + chosenAt + "\"")
			.containsPattern("value=\"" + psychologist.id() + "\"\\s+selected");
		HttpResponse<String> outside = client.post("/sessions/new",
				"psychologistId=" + psychologist.id() + "&when=" + day + "T09:00&duration=50", booking);
		assertThat(outside.body()).contains("does not take sessions at that time");

		HttpResponse<String> bad = pages.post("/availability",
				key + ".works=true&" + key + ".start=17:00&" + key + ".end=15:00", again);
		assertThat(bad.statusCode()).isEqualTo(302);
		assertThat(pages.get("/availability").body()).contains("hours must end after they start")
			.contains("value=\"15:00\"");
	}

}
