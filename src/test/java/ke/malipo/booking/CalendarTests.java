package ke.malipo.booking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session in the calendar and where it takes place (issue 14): once approved, its
 * people download one event with the meeting link or address; a move raises the event's
 * sequence so a calendar replaces it; the link is never in the directory.
 */
@MalipoIntegrationTest
class CalendarTests {

	private static final DateTimeFormatter ICS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	@Autowired
	Api api;

	@LocalServerPort
	int port;

	@Test
	void anApprovedSessionIsOneCalendarEventWithItsPlaceAndAMoveReplacesIt() throws Exception {
		Account psychologist = this.api.psychologist(2000);
		assertThat(this.api
			.call(HttpMethod.PUT, "/api/me/profile", psychologist.token(), Map.of("mode", "BOTH", "location",
					"Riverside Drive, Nairobi", "videoLink", "https://meet.jit.si/malipo-calendar-test"))
			.status()).isEqualTo(200);
		Account client = this.api.client();
		String pending = PaymentTestSupport.requestedSession(this.api, client, psychologist, 3, 0);
		Api.Response none = this.api.get("/api/sessions/" + pending + "/calendar.ics", client.token());
		assertThat(none.status()).isEqualTo(404);
		assertThat(none.code()).isEqualTo("NO_CALENDAR_EVENT");

		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4);
		Api.TextResponse ics = this.api.text("/api/sessions/" + session + "/calendar.ics", client.token());
		assertThat(ics.status()).isEqualTo(200);
		assertThat(ics.headers().getContentType().toString()).startsWith("text/calendar");
		OffsetDateTime start = OffsetDateTime
			.parse(this.api.get("/api/sessions/" + session, client.token()).text("scheduledAt"));
		assertThat(ics.body()).contains("UID:" + session + "@malipo")
			.contains("DTSTART:" + ICS.format(start))
			.contains("LOCATION:Riverside Drive\\, Nairobi")
			.contains("URL:https://meet.jit.si/malipo-calendar-test")
			.contains("STATUS:TENTATIVE")
			.contains("SEQUENCE:0")
			.contains("\r\n");
		assertThat(this.api.get("/api/sessions/" + session + "/calendar.ics", this.api.client().token()).status())
			.as("someone else's")
			.isEqualTo(404);

		OffsetDateTime later = start.plusDays(2);
		assertThat(this.api
			.post("/api/sessions/" + session + "/reschedule", psychologist.token(),
					Map.of("scheduledAt", later.toString()))
			.status()).isEqualTo(200);
		assertThat(this.api.text("/api/sessions/" + session + "/calendar.ics", client.token()).body())
			.contains("DTSTART:" + ICS.format(later))
			.contains("SEQUENCE:2");

		String page = new PageSession(this.port).signIn(client).get("/sessions/" + session).body();
		assertThat(page).contains("https://meet.jit.si/malipo-calendar-test")
			.contains("Riverside Drive, Nairobi")
			.contains("calendar.ics");
		assertThat(this.api.get("/api/psychologists/" + psychologist.id(), client.token()).body().toString())
			.as("never in the directory")
			.doesNotContain("meet.jit.si");
	}

	@Test
	void onlyAnHttpsMeetingLinkIsKept() {
		Account psychologist = this.api.psychologist(2000);
		for (String link : new String[] { "javascript:alert(1)", "http://meet.example.com/x", "https:// spaced",
				"https://" }) {
			assertThat(this.api.call(HttpMethod.PUT, "/api/me/profile", psychologist.token(), Map.of("videoLink", link))
				.status()).as(link).isEqualTo(400);
		}
	}

}
