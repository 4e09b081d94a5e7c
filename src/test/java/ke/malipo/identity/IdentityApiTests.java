package ke.malipo.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Every identity row of api.md: register, login, me, and how tokens are checked. */
@MalipoIntegrationTest
class IdentityApiTests {

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Autowired
	ConfigurableApplicationContext context;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	private static Map<String, Object> registration(String role) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", "Achieng Odhiambo");
		body.put("email", "achieng-" + UUID.randomUUID() + "@example.ke");
		body.put("password", "a-long-enough-password");
		body.put("phoneNumber", "+254 712 345 678");
		body.put("role", role);
		return body;
	}

	@Test
	void clientRegistersAndGetsIdNameEmailRole() {
		Map<String, Object> body = registration("CLIENT");
		Response response = this.api.post("/api/auth/register", null, body);
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.text("id")).isNotBlank();
		assertThat(response.text("name")).isEqualTo("Achieng Odhiambo");
		assertThat(response.text("email")).isEqualTo(body.get("email"));
		assertThat(response.text("role")).isEqualTo("CLIENT");
		assertThat(response.body().toString()).doesNotContain("password").doesNotContain("712345678");
	}

	@Test
	void psychologistRegistersWithARate() {
		Map<String, Object> body = registration("PSYCHOLOGIST");
		body.put("sessionRate", 2500);
		Response response = this.api.post("/api/auth/register", null, body);
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.body().get("sessionRate").asLong()).isEqualTo(2500);
	}

	@Test
	void psychologistWithoutARateIsRefused() {
		Response response = this.api.post("/api/auth/register", null, registration("PSYCHOLOGIST"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(response.body().get("errors").toString()).contains("sessionRate");
	}

	@Test
	void clientsHaveNoRate() {
		Map<String, Object> body = registration("CLIENT");
		body.put("sessionRate", 1000);
		Response response = this.api.post("/api/auth/register", null, body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("errors").toString()).contains("sessionRate");
	}

	@Test
	void adminCannotBeSelfRegistered() {
		Map<String, Object> body = registration("ADMIN");
		Response response = this.api.post("/api/auth/register", null, body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("errors").toString()).contains("role");
		assertThat(this.api
			.post("/api/auth/login", null, Map.of("email", body.get("email"), "password", body.get("password")))
			.status()).isEqualTo(401);
	}

	@Test
	void emailIsTakenRegardlessOfCase() {
		Map<String, Object> body = registration("CLIENT");
		assertThat(this.api.post("/api/auth/register", null, body).status()).isEqualTo(201);
		body.put("email", body.get("email").toString().toUpperCase());
		Response again = this.api.post("/api/auth/register", null, body);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("EMAIL_TAKEN");
	}

	@Test
	void aCommonPasswordIsRefusedSayingWhy() {
		Map<String, Object> body = registration("CLIENT");
		body.put("password", "1234567890");
		Response response = this.api.post("/api/auth/register", null, body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(response.body().get("errors").toString()).contains("password", "too easy to guess");
		assertThat(this.api.post("/api/auth/login", null, Map.of("email", body.get("email"), "password", "1234567890"))
			.status()).as("no account was made").isEqualTo(401);
	}

	@Test
	void invalidFieldsAreNamed() {
		Response response = this.api.post("/api/auth/register", null, Map.of("name", " ", "email", "not-an-email",
				"password", "short", "phoneNumber", "0812 345 678", "role", "CLIENT"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("errors").toString()).contains("name", "email", "password", "phoneNumber");
		assertThat(response.body().get("errors").toString()).contains("07 or 01");
	}

	@Test
	void malformedJsonIsA400Problem() {
		Response response = this.api.post("/api/auth/register", null, "{\"name\": ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("MALFORMED_JSON");
		assertThat(response.headers().getContentType().toString()).contains("application/problem+json");
	}

	@Test
	void loginAnswersTokenExpiryAndUser() {
		Map<String, Object> body = registration("CLIENT");
		this.api.post("/api/auth/register", null, body);
		Response login = this.api.post("/api/auth/login", null,
				Map.of("email", body.get("email"), "password", body.get("password")));
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.text("token")).isNotBlank();
		assertThat(login.text("expiresAt")).isNotBlank();
		assertThat(login.body().get("user").get("email").asString()).isEqualTo(body.get("email"));
		assertThat(login.body().get("user").get("role").asString()).isEqualTo("CLIENT");

		Response me = this.api.get("/api/me", login.text("token"));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.text("email")).isEqualTo(body.get("email"));
		assertThat(me.text("phoneNumberMasked")).isEqualTo("2547*****678");
	}

	@Test
	void wrongPasswordAndUnknownEmailAreTheSame401() {
		Api.Account account = this.api.client();
		Response wrong = this.api.post("/api/auth/login", null,
				Map.of("email", account.email(), "password", "not-the-password"));
		Response unknown = this.api.post("/api/auth/login", null,
				Map.of("email", "nobody-" + UUID.randomUUID() + "@example.ke", "password", "whatever-it-is"));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(unknown.text("detail")).isEqualTo(wrong.text("detail"));
	}

	@Test
	void repeatedFailuresMakeEachFurtherTryWaitLongerFromThatAddress() {
		Api.Account account = this.api.client();
		for (int i = 0; i < 5; i++) {
			assertThat(
					this.api.post("/api/auth/login", null, Map.of("email", account.email(), "password", "guess-" + i))
						.status())
				.isEqualTo(401);
		}
		Response locked = this.api.post("/api/auth/login", null,
				Map.of("email", account.email(), "password", "correct-horse-battery"));
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.code()).isEqualTo("TOO_MANY_LOGIN_ATTEMPTS");
		assertThat(locked.headers().getFirst("Retry-After")).isNotNull();
		assertThat(locked.body().get("retryAfterSeconds").asLong()).isBetween(1L, 30L);

		// After the first wait, one more wrong guess doubles it.
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.api.post("/api/auth/login", null, Map.of("email", account.email(), "password", "guess-6"))
			.status()).isEqualTo(401);
		Response longer = this.api.post("/api/auth/login", null,
				Map.of("email", account.email(), "password", "correct-horse-battery"));
		assertThat(longer.status()).isEqualTo(429);
		assertThat(longer.body().get("retryAfterSeconds").asLong()).isBetween(31L, 60L);

		this.clock.advance(Duration.ofSeconds(61));
		assertThat(this.api
			.post("/api/auth/login", null, Map.of("email", account.email(), "password", "correct-horse-battery"))
			.status()).isEqualTo(200);
	}

	@Test
	void apiNeedsAToken() {
		Response response = this.api.get("/api/me", null);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void tamperedTokenIsRefused() {
		Api.Account account = this.api.client();
		String[] parts = account.token().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"CLIENT\"", "\"ADMIN\"");
		String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
				+ "." + parts[2];
		assertThat(this.api.get("/api/me", forged).status()).isEqualTo(401);
	}

	@Test
	void unsignedAlgNoneTokenIsRefused() {
		Api.Account account = this.api.client();
		String payload = account.token().split("\\.")[1];
		String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
		assertThat(this.api.get("/api/me", header + "." + payload + ".").status()).isEqualTo(401);
	}

	@Test
	void expiredTokenIsRefused() {
		Api.Account account = this.api.client();
		assertThat(this.api.get("/api/me", account.token()).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(62));
		Response expired = this.api.get("/api/me", account.token());
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.code()).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void aTokenOpensTheApiWithoutAnEventPerRequest() {
		// Nobody listens to Spring Security's authentication events; publishing one per
		// API call cost every request (BENCHMARKS.md, "F2 after these changes").
		Api.Account account = this.api.client();
		List<Object> published = new CopyOnWriteArrayList<>();
		ApplicationListener<AbstractAuthenticationEvent> listener = published::add;
		this.context.addApplicationListener(listener);
		try {
			Response me = this.api.get("/api/me", account.token());
			assertThat(me.status()).isEqualTo(200);
			assertThat(me.text("id")).isEqualTo(account.id().toString());
			assertThat(this.api.get("/api/me", account.token() + "x").status()).isEqualTo(401);
		}
		finally {
			this.context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(listener);
		}
		assertThat(published).isEmpty();
	}

}
