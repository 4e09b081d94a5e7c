package ke.malipo.identity;

import java.util.Map;
import java.util.UUID;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PaidAttempts;
import ke.malipo.support.Projections;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's rights under Kenya's Data Protection Act 2019 (issue 13): a copy of their
 * data as JSON, and erasure of their account with money records kept pseudonymised; both
 * audited.
 */
@MalipoIntegrationTest
class DataRightsTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	private String bookWithNotes(Account client, Account psychologist, String notes, int daysAhead) {
		Api.Response booked = this.api.post("/api/sessions", client.token(),
				Map.of("psychologistId", psychologist.id().toString(), "scheduledAt",
						java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(3))
							.plusDays(daysAhead)
							.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
							.toString(),
						"notes", notes));
		assertThat(booked.status()).isEqualTo(201);
		return booked.text("id");
	}

	private long auditEntries(String action, UUID user) {
		Projections.caughtUp(this.jdbc);
		return this.jdbc.sql("select count(*) from audit.entries where action = :action and subject = :subject")
			.param("action", action)
			.param("subject", "user:" + user)
			.query(Long.class)
			.single();
	}

	@Test
	void aPersonDownloadsEverythingHeldAboutThem() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1700);
		String session = bookWithNotes(client, psychologist, "Exam stress", 8);
		Projections.caughtUp(this.jdbc);

		Api.TextResponse export = this.api.text("/api/me/data", client.token());
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.headers().getFirst("Content-Disposition")).contains("attachment")
			.contains("malipo-my-data.json");
		assertThat(export.body()).contains(client.email(), session, "Exam stress", "\"sessions\"", "\"payments\"",
				"\"notifications\"");
		assertThat(auditEntries("PERSONAL_DATA_EXPORTED", client.id())).isEqualTo(1);

		String theirs = this.api.text("/api/me/data", psychologist.token()).body();
		assertThat(theirs).as("the psychologist's copy").contains(session).doesNotContain("Exam stress");
	}

	@Test
	void erasureWaitsForUpcomingSessionsAndNeedsThePassword() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1700);
		PaymentTestSupport.approvedSession(this.api, client, psychologist, 6);
		Api.Response wrong = this.api.post("/api/me/erasure", client.token(), Map.of("password", "not-my-password"));
		assertThat(wrong.status()).isEqualTo(401);
		Api.Response refused = this.api.post("/api/me/erasure", client.token(), Map.of("password", Api.PASSWORD));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("ERASURE_REFUSED");
		assertThat(refused.text("detail")).contains("1 upcoming session");
		assertThat(this.api.get("/api/me", client.token()).status()).as("nothing was erased").isEqualTo(200);
	}

	@Test
	void anErasedAccountNamesNoOneAndOpensNothingWhileMoneyRecordsStay() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1700);
		String session = bookWithNotes(client, psychologist, "Sleep and anxiety", 9);
		assertThat(this.api.post("/api/sessions/" + session + "/cancel", client.token(), null).status()).isEqualTo(200);
		UUID attempt = UUID.randomUUID();
		PaidAttempts.insert(this.jdbc, attempt, UUID.fromString(session), client.id(), 1700, "UKR" + "7Q2WE9XA");
		Projections.caughtUp(this.jdbc);

		Api.Response erased = this.api.post("/api/me/erasure", client.token(), Map.of("password", Api.PASSWORD));
		assertThat(erased.status()).as(erased.body().toString()).isEqualTo(200);

		assertThat(this.api.get("/api/me", client.token()).status()).as("the old token").isEqualTo(401);
		assertThat(this.api.post("/api/auth/login", null, Map.of("email", client.email(), "password", Api.PASSWORD))
			.status()).isEqualTo(401);
		Map<String, Object> user = this.jdbc
			.sql("select name, email, phone_number, erased_at from identity.users where id = :id")
			.param("id", client.id())
			.query()
			.singleRow();
		assertThat(user.get("name")).isEqualTo("Erased user");
		assertThat((String) user.get("email")).doesNotContain(client.email()).endsWith("@erased.invalid");
		assertThat(user.get("phone_number")).isNull();
		assertThat(user.get("erased_at")).isNotNull();
		assertThat(this.jdbc
			.sql("select count(*) from booking.sessions where client_id = :id and (notes is not null "
					+ "or notes_sealed is not null)")
			.param("id", client.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from notifications.outbox where recipient = :id")
			.param("id", client.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select amount from payments.attempts where id = :id")
			.param("id", attempt)
			.query(Long.class)
			.single()).as("the money record stays").isEqualTo(1700L);
		assertThat(this.jdbc.sql("select count(*) from booking.sessions where id = :id")
			.param("id", UUID.fromString(session))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(auditEntries("ACCOUNT_ERASED", client.id())).isEqualTo(1);
		assertThat(this.api.get("/api/psychologists", client.token()).status()).isEqualTo(401);
	}

	@Test
	void anErasedAccountsPageSessionsEnd() throws Exception {
		Account client = this.api.client();
		ke.malipo.support.PageSession pages = new ke.malipo.support.PageSession(this.port).signIn(client);
		assertThat(pages.get("/sessions").statusCode()).isEqualTo(200);
		assertThat(this.api.post("/api/me/erasure", client.token(), Map.of("password", Api.PASSWORD)).status())
			.isEqualTo(200);
		java.net.http.HttpResponse<String> after = pages.get("/sessions");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(after.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).contains("/login"));
	}

	@Test
	void theAccountPageDownloadsTheDataAndErasesTheAccount() throws Exception {
		Account client = this.api.client();
		ke.malipo.support.PageSession pages = new ke.malipo.support.PageSession(this.port).signIn(client);
		java.net.http.HttpResponse<String> page = pages.get("/account");
		assertThat(page.body()).contains("Download my data", "Erase my account");
		assertThat(pages.get("/account/data.json").body()).contains(client.email());
		java.net.http.HttpResponse<String> unticked = pages.post("/account/erase", "password=" + Api.PASSWORD,
				page.body());
		assertThat(unticked.body()).contains("Tick the box");
		java.net.http.HttpResponse<String> erased = pages.post("/account/erase",
				"password=" + Api.PASSWORD + "&understood=true", page.body());
		assertThat(erased.statusCode()).isEqualTo(302);
		assertThat(erased.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).contains("erased"));
		assertThat(this.api.get("/api/me", client.token()).status()).isEqualTo(401);
	}

	@Test
	void anAdminCannotEraseThemselves() {
		Account admin = this.api.admin();
		Api.Response refused = this.api.post("/api/me/erasure", admin.token(), Map.of("password", Api.PASSWORD));
		assertThat(refused.status()).isEqualTo(409);
	}

}
