package ke.malipo;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages with form login and CSRF, problem details for framework errors, docs and health.
 */
@MalipoIntegrationTest
class WebAndOperationsTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	@Test
	void formLoginNeedsTheCsrfTokenAndLeadsHome() throws Exception {
		Api.Account account = this.api.client();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> home = browser.send(get("/"), HttpResponse.BodyHandlers.ofString());
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/login");

		HttpResponse<String> loginPage = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
		assertThat(loginPage.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(loginPage.body());
		assertThat(csrf.find()).isTrue();

		HttpResponse<String> withoutToken = browser.send(
				form("/login", "username=" + enc(account.email()) + "&password=correct-horse-battery"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(withoutToken.statusCode()).isEqualTo(403);

		HttpResponse<String> signedIn = browser.send(form("/login",
				"username=" + enc(account.email()) + "&password=correct-horse-battery&_csrf=" + enc(csrf.group(1))),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> page = browser.send(get("/sessions"), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Test CLIENT").contains("Client");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		// Issue 13: the pages' headers, on a public page and a signed-in one alike.
		for (HttpResponse<String> answer : List.of(loginPage, page)) {
			assertThat(answer.headers().firstValue("Content-Security-Policy"))
				.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'self'")
					.contains("script-src 'self'")
					.contains("frame-ancestors 'none'")
					.doesNotContain("unsafe-inline")
					.doesNotContain("unsafe-eval"));
			assertThat(answer.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
			assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
		}
		assertThat(home.headers().allValues("Set-Cookie")).anySatisfy(
				(cookie) -> assertThat(cookie).startsWith("JSESSIONID=").contains("SameSite=Lax").contains("HttpOnly"));
	}

	/**
	 * Every page, for each kind of person, carries the pages' security headers (issue
	 * 13).
	 */
	@Test
	void everyPageCarriesTheSecurityHeaders() throws Exception {
		ke.malipo.support.Api.Account psychologist = this.api.psychologist(1800);
		Map<ke.malipo.support.Api.Account, List<String>> pages = Map.of(this.api.client(),
				List.of("/sessions", "/sessions/new", "/payments", "/notifications", "/account", "/psychologists",
						"/psychologists/" + psychologist.id()),
				psychologist, List.of("/sessions", "/profile", "/availability", "/psychologists/" + psychologist.id()),
				this.api.admin(), List.of("/sessions", "/admin/transactions", "/admin/reconciliation",
						"/admin/notifications", "/admin/audit", "/admin/accounting", "/admin/insights", "/account"));
		List<String> missing = new java.util.ArrayList<>();
		for (var entry : pages.entrySet()) {
			ke.malipo.support.PageSession session = new ke.malipo.support.PageSession(this.port).signIn(entry.getKey());
			for (String path : entry.getValue()) {
				HttpResponse<String> page = session.get(path);
				if (page.statusCode() != 200
						|| !page.headers()
							.firstValue("Content-Security-Policy")
							.orElse("")
							.contains("script-src 'self'")
						|| page.headers().firstValue("Referrer-Policy").isEmpty()
						|| !page.headers().firstValue("X-Frame-Options").orElse("").equals("DENY")) {
					missing.add(path + " " + page.statusCode() + " " + page.headers().map().keySet());
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	/**
	 * Who may open which page (issue 13): anonymous people are sent to sign in, clients
	 * and psychologists are refused the admin pages, admins open them.
	 */
	@Test
	void pagesOpenOnlyForWhoTheyAreFor() throws Exception {
		List<String> adminPages = List.of("/admin/transactions", "/admin/reconciliation", "/admin/notifications",
				"/admin/audit", "/admin/transactions.csv", "/admin/accounting", "/admin/insights");
		List<String> signedInPages = List.of("/sessions", "/payments", "/notifications", "/account",
				"/account/data.json", "/psychologists");
		List<String> psychologistPages = List.of("/profile", "/availability");
		List<String> wrong = new java.util.ArrayList<>();
		ke.malipo.support.PageSession anonymous = new ke.malipo.support.PageSession(this.port);
		for (String path : concat(concat(adminPages, signedInPages), psychologistPages)) {
			HttpResponse<String> page = anonymous.get(path);
			if (page.statusCode() != 302 || !page.headers().firstValue("Location").orElse("").endsWith("/login")) {
				wrong.add("anonymous " + path + " " + page.statusCode());
			}
		}
		for (ke.malipo.support.Api.Account person : List.of(this.api.client(), this.api.psychologist(1500))) {
			ke.malipo.support.PageSession pages = new ke.malipo.support.PageSession(this.port).signIn(person);
			for (String path : adminPages) {
				int status = pages.get(path).statusCode();
				if (status != 403) {
					wrong.add(person.email() + " " + path + " " + status);
				}
			}
			for (String path : signedInPages) {
				int status = pages.get(path).statusCode();
				if (status != 200) {
					wrong.add(person.email() + " " + path + " " + status);
				}
			}
			for (String path : psychologistPages) {
				int status = pages.get(path).statusCode();
				if (status != ((person.email().contains("psychologist")) ? 200 : 403)) {
					wrong.add(person.email() + " " + path + " " + status);
				}
			}
		}
		ke.malipo.support.PageSession admin = new ke.malipo.support.PageSession(this.port).signIn(this.api.admin());
		for (String path : adminPages) {
			int status = admin.get(path).statusCode();
			if (status != 200) {
				wrong.add("admin " + path + " " + status);
			}
		}
		assertThat(wrong).isEmpty();
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new java.util.ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/**
	 * A booking refused for a wrong time keeps the psychologist, length and notes the
	 * client chose (issue 14), and a profile's link chooses the psychologist in advance.
	 */
	@Test
	void aRefusedBookingKeepsWhatWasChosen() throws Exception {
		ke.malipo.support.Api.Account chosen = this.api.psychologist(2100);
		ke.malipo.support.PageSession client = new ke.malipo.support.PageSession(this.port).signIn(this.api.client());
		String form = client.get("/sessions/new?psychologist=" + chosen.id()).body();
		assertThat(form).containsPattern("value=\"" + chosen.id() + "\"\\s+selected");
		HttpResponse<String> refused = client.post("/sessions/new", "psychologistId=" + chosen.id()
				+ "&when=2001-01-01T10:00&duration=90&notes=" + enc("Evenings suit me best"), form);
		assertThat(refused.body()).contains("at least")
			.containsPattern("value=\"" + chosen.id() + "\"\\s+selected")
			.containsPattern("value=\"90\"\\s+selected")
			.contains("value=\"2001-01-01T10:00\"")
			.contains("Evenings suit me best");
	}

	/**
	 * An admin starts on the finance desk, everyone else on their sessions (issue 14).
	 */
	@Test
	void eachPersonStartsWhereTheirWorkIs() throws Exception {
		HttpResponse<String> admin = new ke.malipo.support.PageSession(this.port).signIn(this.api.admin()).get("/");
		assertThat(admin.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/admin/transactions"));
		HttpResponse<String> client = new ke.malipo.support.PageSession(this.port).signIn(this.api.client()).get("/");
		assertThat(client.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/sessions"));
	}

	@Test
	void aPsychologistRegistersOnThePageAndSignsIn() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String email = "page-" + java.util.UUID.randomUUID() + "@example.ke";
		Matcher csrf = CSRF.matcher(browser.send(get("/register"), HttpResponse.BodyHandlers.ofString()).body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> refused = browser
			.send(form("/register", "role=PSYCHOLOGIST&name=Dr+Page&email=" + enc(email)
					+ "&phoneNumber=0812345678&sessionRate=2000&password=long-enough-pass&_csrf=" + enc(csrf.group(1))),
					HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("07 or 01").contains("value=\"" + email + "\"");
		Matcher again = CSRF.matcher(refused.body());
		assertThat(again.find()).isTrue();
		HttpResponse<String> created = browser.send(form("/register",
				"role=PSYCHOLOGIST&name=Dr+Page&email=" + enc(email)
						+ "&phoneNumber=0712345678&sessionRate=2000&password=long-enough-pass&_csrf="
						+ enc(again.group(1))),
				HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(created.headers().firstValue("Location").orElseThrow()).contains("/login?registered");
		Api.Response login = this.api.post("/api/auth/login", null,
				java.util.Map.of("email", email, "password", "long-enough-pass"));
		assertThat(login.body().get("user").get("role").asString()).isEqualTo("PSYCHOLOGIST");
	}

	@Test
	void wrongPasswordOnThePageShowsTheError() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		Matcher csrf = CSRF.matcher(browser.send(get("/login"), HttpResponse.BodyHandlers.ofString()).body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> failed = browser.send(
				form("/login", "username=nobody%40example.ke&password=wrong-one&_csrf=" + enc(csrf.group(1))),
				HttpResponse.BodyHandlers.ofString());
		assertThat(failed.statusCode()).isEqualTo(302);
		assertThat(failed.headers().firstValue("Location").orElseThrow()).contains("/login?error");
	}

	@Test
	void frameworkErrorsAreProblemDetailsWithCodes() {
		Api.Account account = this.api.client();
		Response wrongMethod = this.api.call(HttpMethod.DELETE, "/api/sessions", account.token(), null);
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
		Response nowhere = this.api.get("/api/nothing-here", account.token());
		assertThat(nowhere.status()).isEqualTo(404);
		assertThat(nowhere.code()).isEqualTo("NOT_FOUND");
	}

	@Test
	void aPersonWhoMeetsAProblemGetsAPageNotJson() throws Exception {
		PageSession browser = new PageSession(this.port).signIn(this.api.client());
		HttpResponse<String> nowhere = browser.get("/nothing-here");
		assertThat(nowhere.statusCode()).isEqualTo(404);
		assertThat(nowhere.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(nowhere.body()).contains("<h1>Not found</h1>")
			.contains("Sign out")
			.doesNotContain("static resource");
		HttpResponse<String> noSession = browser.get("/sessions/" + java.util.UUID.randomUUID());
		assertThat(noSession.statusCode()).isEqualTo(404);
		assertThat(noSession.body()).contains("id=\"problem\"").contains("session");
		HttpResponse<String> badPage = browser.get("/payments?page=0");
		assertThat(badPage.statusCode()).isEqualTo(400);
		assertThat(badPage.body()).contains("Pages are counted from 1.");
	}

	@Test
	void unsupportedMediaTypeIsA415Problem() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/api/auth/login"))
				.header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.ofString("hello"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.body()).contains("UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void openApiDocumentAndSwaggerUiAreServed() throws Exception {
		Response docs = this.api.get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body().get("paths").propertyNames()).contains("/api/auth/register", "/api/auth/login",
				"/api/me", "/api/sessions", "/api/sessions/{id}/approve", "/api/psychologists",
				"/api/psychologists/{id}/slots", "/api/me/availability", "/api/me/profile", "/api/me/profile/photo");
		HttpResponse<String> ui = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build()
			.send(get("/swagger-ui.html"), HttpResponse.BodyHandlers.ofString());
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).containsIgnoringCase("swagger");
	}

	@Test
	void healthIsUp() {
		Response health = this.api.get("/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.text("status")).isEqualTo("UP");
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create(base() + path)).GET().build();
	}

	private HttpRequest form(String path, String body) {
		return HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
