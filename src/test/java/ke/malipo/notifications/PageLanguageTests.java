package ke.malipo.notifications;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in English or Kiswahili (issue 14): switched in the header, remembered on the
 * browser and, for a signed-in person, saved as their preference; every word the pages
 * ask for exists in both languages.
 */
@MalipoIntegrationTest
class PageLanguageTests {

	@Autowired
	Api api;

	@LocalServerPort
	int port;

	@Test
	void everyPageWordHasItsKiswahili() throws Exception {
		Properties english = load("pages/messages.properties");
		Properties swahili = load("pages/messages_sw.properties");
		assertThat(swahili.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
	}

	@Test
	void aSignedInClientSwitchesToKiswahiliAndItIsSavedForTheirNotices() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1700);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3);
		PageSession pages = new PageSession(this.port).signIn(client);
		assertThat(pages.get("/psychologists").body()).contains("<h1>Find a psychologist</h1>").contains("lang=\"en\"");

		HttpResponse<String> switched = pages.get("/language?to=sw&back=" + PageSession.enc("/psychologists"));
		assertThat(switched.statusCode()).isEqualTo(302);
		assertThat(switched.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/psychologists"));
		assertThat(switched.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("malipo-lang=sw")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
		assertThat(this.api.get("/api/me/preferences", client.token()).text("language")).isEqualTo("sw");

		List<String> pagesToRead = List.of("/psychologists", "/psychologists/" + psychologist.id(), "/sessions",
				"/sessions/new", "/sessions/" + session + "/pay", "/sessions/" + session, "/payments",
				"/notifications");
		for (String path : pagesToRead) {
			String body = pages.get(path).body();
			assertThat(body).as(path).contains("lang=\"sw\"").doesNotContain("??");
		}
		assertThat(pages.get("/psychologists").body()).contains("Tafuta mwanasaikolojia");
		assertThat(pages.get("/sessions/" + session + "/pay").body()).contains("Nambari ya simu ya M-Pesa")
			.contains(">Lipa<")
			.as("the phone check's words, given to its script")
			.contains("data-invalid=\"Weka nambari ya simu ya Kenya kama 0712 345 678\"");
		assertThat(pages.get("/sessions").body()).contains("Vikao vyako")
			.contains(">Kimekubaliwa<")
			.contains(">Lipa sasa<");
		assertThat(pages.get("/sessions/" + session).body()).contains(">Bei<").contains(">Hakijalipwa<");
		assertThat(pages.get("/account").body()).contains("Akaunti yako").doesNotContain("??");
		// Problems too: the psychologist's time is taken; a time too soon.
		String form = pages.get("/sessions/new").body();
		String taken = java.time.OffsetDateTime
			.parse(this.api.get("/api/sessions/" + session, client.token()).text("scheduledAt"))
			.atZoneSameInstant(java.time.ZoneId.of("Africa/Nairobi"))
			.toLocalDateTime()
			.toString();
		assertThat(pages
			.post("/sessions/new", "psychologistId=" + psychologist.id() + "&when=" + taken + "&duration=50", form)
			.body()).contains("Mwanasaikolojia tayari ana kikao wakati huo.");
		assertThat(pages
			.post("/sessions/new", "psychologistId=" + psychologist.id() + "&when=2001-01-01T10:00" + "&duration=50",
					form)
			.body()).contains("Tafadhali rekebisha taarifa: ");
		// M-Pesa's answer in Kiswahili: a cancelled prompt (1032) on the pay panel.
		this.api.post("/api/mpesa/initiate", client.token(),
				java.util.Map.of("sessionId", session, "phoneNumber", ke.malipo.support.TestPhones.local(1)));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> pages.get("/sessions/" + session + "/pay/status").body(),
					(panel) -> panel.contains("Ulighairi ombi la M-Pesa."));
		assertThat(this.api.get("/api/mpesa/status/" + session, client.token()).text("message"))
			.as("the API stays in English")
			.doesNotContain("Ulighairi");
		String list = pages.get("/sessions").body();
		assertThat(pages.post("/sessions/" + session + "/cancel", "reason=", list).statusCode()).isEqualTo(302);
		assertThat(pages.get("/sessions").body()).as("what was done, said in Kiswahili")
			.contains("Kimeghairiwa. ")
			.contains("ameshaarifiwa.");
		PageSession therapist = new PageSession(this.port).signIn(psychologist);
		therapist.get("/language?to=sw&back=/");
		assertThat(therapist.get("/availability").body()).contains("Saa zako za kazi")
			.contains("Jumatatu")
			.doesNotContain("??");
		assertThat(therapist.get("/profile").body()).contains("Wasifu wako").doesNotContain("??");
		for (String path : List.of("/register", "/forgot-password", "/login")) {
			assertThat(pages.get(path).body()).as(path).doesNotContain("??");
		}
	}

	@Test
	void theSignInPageFollowsTheBrowserOrTheChoiceAndTheSwitchStaysOnThisSite() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> asked = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("Accept-Language", "sw-KE,sw;q=0.9,en;q=0.5")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(asked.body()).contains("Vikao vya tiba, vinavyolipwa kwa M-Pesa.").contains(">Ingia<");
		HttpResponse<String> chosen = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("Accept-Language", "sw")
				.header("Cookie", "malipo-lang=en")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chosen.body()).contains("Therapy sessions, paid with M-Pesa.");
		for (String back : List.of("//evil.example/x", "https://evil.example/", "\\\\evil")) {
			HttpResponse<String> away = http.send(HttpRequest
				.newBuilder(
						URI.create("http://localhost:" + this.port + "/language?to=sw&back=" + PageSession.enc(back)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(away.headers().firstValue("Location")).as(back)
				.hasValueSatisfying((to) -> assertThat(URI.create(to).getPath()).isEqualTo("/"))
				.hasValueSatisfying((to) -> assertThat(to).doesNotContain("evil"));
		}
	}

	private static Properties load(String name) throws Exception {
		Properties properties = new Properties();
		try (InputStream in = PageLanguageTests.class.getClassLoader().getResourceAsStream(name)) {
			properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		return properties;
	}

}
