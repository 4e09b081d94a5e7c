package ke.malipo.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.internal.SignIn;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9: one throttle for every way of signing in. The page form used its own,
 * unthrottled provider (30 wrong passwords, then the right one signed in, even for an
 * account the API had locked); other spellings of an email got fresh guesses; and five
 * wrong guesses from anywhere locked the owner out. Each test here failed before the fix.
 */
@MalipoIntegrationTest
class SignInThrottleTests {

	@Autowired
	Api api;

	@Autowired
	SignIn signIn;

	@Autowired
	MutableClock clock;

	@Value("${local.server.port}")
	int port;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void thePageFormIsThrottledLikeTheApi() throws Exception {
		Account account = this.api.client();
		PageSession form = new PageSession(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(signInOnTheForm(form, account.email(), "wrong-guess-" + i)).endsWith("/login?error");
		}
		assertThat(signInOnTheForm(form, account.email(), Api.PASSWORD)).contains("/login?throttled=");
		assertThat(form.get("/login?throttled=1").body()).contains("id=\"throttled\"");
		// The API refuses the same account from the same place: the count is shared.
		assertThat(this.api.post("/api/auth/login", null, Map.of("email", account.email(), "password", Api.PASSWORD))
			.status()).isEqualTo(429);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(signInOnTheForm(new PageSession(this.port), account.email(), Api.PASSWORD)).doesNotContain("/login");
	}

	@Test
	void anAccountTheApiThrottledIsThrottledOnTheFormToo() throws Exception {
		Account account = this.api.client();
		for (int i = 0; i < 5; i++) {
			this.api.post("/api/auth/login", null, Map.of("email", account.email(), "password", "guess-" + i));
		}
		assertThat(signInOnTheForm(new PageSession(this.port), account.email(), Api.PASSWORD))
			.contains("/login?throttled=");
	}

	@Test
	void otherSpellingsOfAnEmailShareItsCount() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		Account account = this.api.register("CLIENT", null, "Jim " + id, "jim" + id + "@example.com");
		String address = "10.9.0." + (Math.abs(id.hashCode()) % 250);
		String[] spellings = { "JIM" + id + "@example.com", "Jim" + id + "@Example.com", "jim" + id + "@EXAMPLE.com",
				"JiM" + id + "@example.com", "jIM" + id + "@EXAMPLE.COM" };
		for (String spelling : spellings) {
			assertThatThrownBy(() -> this.signIn.signIn(spelling, "wrong-password", address)).isInstanceOfSatisfying(
					MalipoException.class, (ex) -> assertThat(ex.code()).isEqualTo("BAD_CREDENTIALS"));
		}
		assertThatThrownBy(() -> this.signIn.signIn(account.email(), Api.PASSWORD, address)).isInstanceOfSatisfying(
				MalipoException.class, (ex) -> assertThat(ex.code()).isEqualTo("TOO_MANY_LOGIN_ATTEMPTS"));
		// U+0130: whether or not the database's lower() takes it for jim, it brings no
		// extra guess (throttled if it finds the account, refused if it does not).
		assertThatThrownBy(() -> this.signIn.signIn("jİm" + id + "@example.com", Api.PASSWORD, address))
			.isInstanceOf(MalipoException.class);
	}

	@Test
	void aStrangerCannotLockTheOwnerOut() {
		Account owner = this.api.client();
		String stranger = "10.66.0." + (Math.abs(owner.email().hashCode()) % 250);
		for (int i = 0; i < 12; i++) {
			try {
				this.signIn.signIn(owner.email(), "guess-" + i, stranger);
			}
			catch (MalipoException ex) {
				assertThat(ex.code()).isIn("BAD_CREDENTIALS", "TOO_MANY_LOGIN_ATTEMPTS");
			}
		}
		assertThatThrownBy(() -> this.signIn.signIn(owner.email(), Api.PASSWORD, stranger)).isInstanceOfSatisfying(
				MalipoException.class, (ex) -> assertThat(ex.code()).isEqualTo("TOO_MANY_LOGIN_ATTEMPTS"));
		assertThat(this.signIn.signIn(owner.email(), Api.PASSWORD, "10.77.0.1").token()).isNotBlank();
	}

	/** Posts the sign-in form with its CSRF token; answers where it redirects. */
	private static String signInOnTheForm(PageSession form, String email, String password) throws Exception {
		HttpResponse<String> answer = form.post("/login",
				"username=" + PageSession.enc(email) + "&password=" + PageSession.enc(password),
				form.get("/login").body());
		return answer.headers().firstValue("Location").orElse(answer.uri().toString());
	}

}
