package ke.malipo.identity;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static ke.malipo.support.PageSession.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-service (issue 14): a person changes their name and M-Pesa number, a psychologist
 * their rate for requests made from now on; sessions already requested keep their price.
 */
@MalipoIntegrationTest
class AccountDetailsTests {

	@Autowired
	Api api;

	@LocalServerPort
	int port;

	@Test
	void aNewRatePricesOnlyRequestsMadeAfterIt() {
		Account psychologist = this.api.psychologist(2000);
		Account client = this.api.client();
		String at = OffsetDateTime.now(ZoneOffset.ofHours(3)).plusDays(5).truncatedTo(ChronoUnit.HOURS).toString();
		Api.Response before = this.api.post("/api/sessions", client.token(),
				Map.of("psychologistId", psychologist.id().toString(), "scheduledAt", at));
		assertThat(before.body().get("amount").asLong()).isEqualTo(2000);

		Api.Response changed = this.api.call(HttpMethod.PATCH, "/api/me", psychologist.token(),
				Map.of("sessionRate", 2600, "phoneNumber", "0799 111 222"));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.body().get("sessionRate").asLong()).isEqualTo(2600);
		assertThat(changed.text("phoneNumberMasked")).endsWith("222");

		String later = OffsetDateTime.now(ZoneOffset.ofHours(3)).plusDays(6).truncatedTo(ChronoUnit.HOURS).toString();
		assertThat(this.api
			.post("/api/sessions", client.token(),
					Map.of("psychologistId", psychologist.id().toString(), "scheduledAt", later))
			.body()
			.get("amount")
			.asLong()).isEqualTo(2600);
		assertThat(this.api.get("/api/sessions/" + before.text("id"), client.token()).body().get("amount").asLong())
			.as("the earlier request keeps its price")
			.isEqualTo(2000);
	}

	@Test
	void badDetailsAreNamedAndNothingChanges() {
		Account client = this.api.client();
		Api.Response bad = this.api.call(HttpMethod.PATCH, "/api/me", client.token(),
				Map.of("name", " ", "phoneNumber", "12345", "sessionRate", 1500));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.toString()).contains("name").contains("phoneNumber").contains("sessionRate");
		assertThat(this.api.get("/api/me", client.token()).text("name")).isEqualTo("Test CLIENT");
		Account psychologist = this.api.psychologist(2000);
		assertThat(this.api.call(HttpMethod.PATCH, "/api/me", psychologist.token(), Map.of("sessionRate", 250_001))
			.status()).as("over M-Pesa's limit for one payment").isEqualTo(400);
		assertThat(this.api.call(HttpMethod.PATCH, "/api/me", null, Map.of("name", "X")).status()).isEqualTo(401);
	}

	@Test
	void theAccountPageChangesDetailsAndKeepsWhatWasTypedOnAMistake() throws Exception {
		Account psychologist = this.api.psychologist(2000);
		PageSession pages = new PageSession(this.port).signIn(psychologist);
		String page = pages.get("/account").body();
		assertThat(page).contains("value=\"Test PSYCHOLOGIST\"").contains("value=\"2000\"");
		HttpResponse<String> refused = pages.post("/account/details",
				"name=" + enc("Dr Wambui") + "&phoneNumber=" + enc("not a phone") + "&rate=2500", page);
		assertThat(refused.body()).contains("Kenyan mobile number")
			.contains("value=\"Dr Wambui\"")
			.contains("value=\"not a phone\"");
		HttpResponse<String> saved = pages.post("/account/details",
				"name=" + enc("Dr Wambui") + "&phoneNumber=" + enc("0722 333 444") + "&rate=" + enc("2,500"), page);
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(pages.get("/account").body()).contains("requests made from now on")
			.contains("value=\"Dr Wambui\"")
			.contains("value=\"0722 333 444\"")
			.contains("value=\"2500\"");
		assertThat(this.api.get("/api/me", psychologist.token()).body().get("sessionRate").asLong()).isEqualTo(2500);
	}

}
