package ke.malipo.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forgotten passwords (issue 14): the same answer whether or not an account exists, a
 * link by real email (SMTP to the built-in mail server) that works once and for 30
 * minutes, the password rules on the new password, and only the token's digest stored.
 */
@MalipoIntegrationTest
class PasswordResetTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@LocalServerPort
	int port;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	private String linkIn(String email) {
		JsonNode mail = await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> StreamSupport
				.stream(this.api.get("/simulator/mailbox/messages?to=" + email, null).body().spliterator(), false)
				.filter((m) -> m.get("subject").asString().contains("new Malipo password"))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		Matcher token = Pattern.compile("/reset-password\\?token=([A-Za-z0-9_-]{43})")
			.matcher(mail.get("text").asString());
		assertThat(token.find()).as(mail.get("text").asString()).isTrue();
		return token.group(1);
	}

	@Test
	void aLinkByEmailSetsANewPasswordOnce() {
		Account person = this.api.client();
		Api.Response asked = this.api.post("/api/auth/password-reset", null, Map.of("email", person.email()));
		assertThat(asked.status()).isEqualTo(202);
		String token = linkIn(person.email());
		assertThat(this.jdbc.sql("select count(*) from identity.password_resets where token_sha256 = :token")
			.param("token", token)
			.query(Long.class)
			.single()).as("only the digest is stored").isZero();

		assertThat(this.api
			.post("/api/auth/password-reset/confirm", null, Map.of("token", token, "password", "password123"))
			.status()).as("the rules hold").isEqualTo(400);
		assertThat(this.api
			.post("/api/auth/password-reset/confirm", null, Map.of("token", token, "password", "lantern-maize-river"))
			.status()).isEqualTo(204);
		assertThat(this.api.post("/api/auth/login", null, Map.of("email", person.email(), "password", Api.PASSWORD))
			.status()).isEqualTo(401);
		assertThat(this.api
			.post("/api/auth/login", null, Map.of("email", person.email(), "password", "lantern-maize-river"))
			.status()).isEqualTo(200);
		Api.Response again = this.api.post("/api/auth/password-reset/confirm", null,
				Map.of("token", token, "password", "another-quiet-harbour"));
		assertThat(again.status()).as("used once").isEqualTo(400);
		assertThat(again.body().toString()).contains("expired or was already used");
	}

	@Test
	void noOneLearnsWhetherAnEmailHasAnAccount() {
		String nobody = "nobody-" + UUID.randomUUID() + "@example.ke";
		Api.Response unknown = this.api.post("/api/auth/password-reset", null, Map.of("email", nobody));
		Api.Response known = this.api.post("/api/auth/password-reset", null,
				Map.of("email", this.api.client().email()));
		assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(202);
		assertThat(unknown.body()).isEqualTo(known.body());
	}

	@Test
	void aLinkExpiresAfterThirtyMinutes() {
		Account person = this.api.client();
		this.api.post("/api/auth/password-reset", null, Map.of("email", person.email()));
		String token = linkIn(person.email());
		this.clock.advance(Duration.ofMinutes(31));
		assertThat(this.api
			.post("/api/auth/password-reset/confirm", null, Map.of("token", token, "password", "lantern-maize-river"))
			.status()).isEqualTo(400);
	}

	@Test
	void onePersonsInboxCannotBeFlooded() {
		Account person = this.api.client();
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.post("/api/auth/password-reset", null, Map.of("email", person.email())).status())
				.isEqualTo(202);
		}
		List<String> sent = this.jdbc
			.sql("select kind from notifications.outbox where recipient = :id and kind = 'PASSWORD_RESET'")
			.param("id", person.id())
			.query(String.class)
			.list();
		assertThat(sent).as("three emails an hour at most, whatever is asked").hasSize(3);
		assertThat(
				this.jdbc.sql("select count(*) from identity.password_resets where user_id = :id and used_at is null")
					.param("id", person.id())
					.query(Long.class)
					.single())
			.as("only the newest link works")
			.isEqualTo(1);
	}

	@Test
	void thePagesAskForTheEmailAndTheNewPassword() throws Exception {
		Account person = this.api.client();
		PageSession pages = new PageSession(this.port);
		assertThat(pages.get("/login").body()).contains("/forgot-password");
		String form = pages.get("/forgot-password").body();
		pages.post("/forgot-password", "email=" + PageSession.enc(person.email()), form);
		assertThat(pages.get("/forgot-password").body()).contains("If an account has this email");
		String token = linkIn(person.email());
		String reset = pages.get("/reset-password?token=" + token).body();
		assertThat(reset).contains("Choose a new password");
		var saved = pages.post("/reset-password",
				"token=" + token + "&password=" + PageSession.enc("quiet-harbour-lamp"), reset);
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("reset"));
		assertThat(this.api
			.post("/api/auth/login", null, Map.of("email", person.email(), "password", "quiet-harbour-lamp"))
			.status()).isEqualTo(200);
	}

}
