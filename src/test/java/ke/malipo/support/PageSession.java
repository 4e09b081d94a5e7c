package ke.malipo.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ke.malipo.support.Api.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in browser session over plain HTTP, for tests of the pages: cookies kept,
 * redirects not followed so each step can be checked, forms posted with the CSRF token of
 * the page they came from.
 */
public final class PageSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	/** What Chromium asks for when it opens a page. */
	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final String base;

	public PageSession(int port) {
		this.base = "http://localhost:" + port;
	}

	/** Signs in with the password every test account has. */
	public PageSession signIn(Account account) throws Exception {
		HttpResponse<String> signedIn = post("/login",
				"username=" + enc(account.email()) + "&password=correct-horse-battery", get("/login").body());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return this;
	}

	public HttpResponse<String> get(String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", BROWSER_ACCEPT).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> post(String path, String form, String pageWithCsrf) throws Exception {
		Matcher csrf = CSRF.matcher(pageWithCsrf);
		assertThat(csrf.find()).as("CSRF token on the page").isTrue();
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", BROWSER_ACCEPT)
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(csrf.group(1))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	public static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
