package ke.malipo.web;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.payments.PaymentTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The self-service features of issue 14 walked in Chromium on a phone and a laptop: a
 * forgotten password reset from the emailed link; a client's own M-Pesa number filled in
 * when paying, a paid-for time moved, and the pages switched to Kiswahili and kept so; a
 * psychologist's profile with a photo and weekly hours with automatic approval, booked
 * from a free time. A screenshot of each step is kept under target/browser-screenshots.
 */
@MalipoIntegrationTest
class SelfServiceBrowserTests {

	private static final Pattern RESET_LINK = Pattern.compile("/reset-password\\?token=([A-Za-z0-9_-]+)");

	@Value("${local.server.port}")
	int port;

	@Autowired
	Api api;

	private final List<WebDriver> browsers = new java.util.ArrayList<>();

	@AfterEach
	void closeBrowsers(TestInfo test) {
		Browsers.close(this.browsers, test.getDisplayName());
	}

	private WebDriver browser(int width) {
		WebDriver browser = Browsers.chromium();
		this.browsers.add(browser);
		Browsers.atWidth(browser, width);
		return browser;
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 360, 1280 })
	void aForgottenPasswordIsResetFromTheEmailedLink(int width) {
		Account client = this.api.client();
		WebDriver browser = browser(width);
		browser.get(url("/login"));
		browser.findElement(By.partialLinkText("Forgot")).click();
		Browsers.waitFor(browser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")))
			.sendKeys(client.email());
		Browsers.fits(browser, "reset-ask-" + width);
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
		Browsers.fits(browser, "reset-asked-" + width);

		// The link arrives by email (real SMTP), read where a person would: the mailbox.
		String token = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			browser.get(url("/simulator/mailbox?to=" + client.email()));
			Matcher link = RESET_LINK.matcher(browser.findElement(By.tagName("main")).getText());
			return link.find() ? link.group(1) : null;
		}, java.util.Objects::nonNull);
		browser.get(url("/reset-password?token=" + token));
		browser.findElement(By.id("password")).sendKeys("a brand new walking phrase");
		Browsers.fits(browser, "reset-choose-" + width);
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		// The page is replaced while the wait reads it: Chromium may answer that the
		// element
		// read a moment ago no longer belongs to the document; read again.
		Browsers.waitFor(browser)
			.ignoring(org.openqa.selenium.WebDriverException.class)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
					"Your new password is saved"));

		browser.findElement(By.id("username")).sendKeys(client.email());
		browser.findElement(By.id("password")).sendKeys("a brand new walking phrase");
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.waitFor(browser).until(ExpectedConditions.urlContains("/sessions"));
		// The link was single-use.
		browser.get(url("/reset-password?token=" + token));
		browser.findElement(By.id("password")).sendKeys("yet another walking phrase");
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.error")));
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 360, 1280 })
	void aClientKeepsTheirNumberMovesASessionAndReadsKiswahili(int width) {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1800);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 6);
		// Every hour of every day: a client moves an agreed session only inside the
		// psychologist's hours, and this one keeps them all.
		this.api.call(org.springframework.http.HttpMethod.PUT, "/api/me/availability", psychologist.token(),
				java.util.Map.of("hours",
						java.util.Arrays.stream(java.time.DayOfWeek.values())
							.map((day) -> java.util.Map.of("day", day.name(), "start", "00:00", "end", "23:59"))
							.toList()));
		WebDriver browser = browser(width);
		Browsers.signIn(browser, this.port, client.email());

		browser.get(url("/account"));
		WebElement phone = Browsers.waitFor(browser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("phoneNumber")));
		phone.clear();
		phone.sendKeys("0733 111 222");
		browser.findElement(By.cssSelector("form[action='/account/details'] button[type=submit]")).click();
		Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
		Browsers.fits(browser, "account-saved-" + width);
		browser.get(url("/sessions/" + session + "/pay"));
		assertThat(Browsers.waitFor(browser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")))
			.getAttribute("value")).as("the number just saved, filled in").isEqualTo("0733 111 222");

		// Moved a day later, from the session's page.
		browser.get(url("/sessions/" + session));
		String scheduled = this.api.get("/api/sessions/" + session, client.token()).text("scheduledAt");
		String later = java.time.OffsetDateTime.parse(scheduled)
			.atZoneSameInstant(java.time.ZoneId.of("Africa/Nairobi"))
			.plusDays(1)
			.toLocalDateTime()
			.toString();
		Browsers.waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("move-open-" + session))).click();
		((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
				"move-" + session, later);
		Browsers.fits(browser, "move-open-" + width);
		browser.findElement(By.id("move-confirm-" + session)).click();
		Browsers.waitFor(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Moved to"));
		assertThat(java.time.OffsetDateTime
			.parse(this.api.get("/api/sessions/" + session, client.token()).text("scheduledAt"))
			.toInstant()).isEqualTo(java.time.OffsetDateTime.parse(scheduled).plusDays(1).toInstant());
		Browsers.fits(browser, "moved-" + width);

		// Kiswahili from the header, kept on the next page and the next visit.
		browser.findElement(By.linkText("Kiswahili")).click();
		Browsers.waitFor(browser).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "sw"));
		browser.get(url("/sessions"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vikao vyako");
		assertThat(browser.findElement(By.cssSelector("article[data-session='" + session + "'] .when")).getText())
			.as("the day named in Kiswahili")
			.matches(
					"(Jumatatu|Jumanne|Jumatano|Alhamisi|Ijumaa|Jumamosi|Jumapili) \\d{2}/\\d{2}/\\d{4}, \\d{2}:\\d{2} EAT");
		Browsers.fits(browser, "sessions-sw-" + width);
		browser.findElement(By.linkText("English")).click();
		Browsers.waitFor(browser).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 360, 1280 })
	void aPsychologistSetsUpAProfileAndHoursAndIsBookedFromAFreeTime(int width) throws IOException {
		// A long unbroken name: it must wrap, not push a phone's page sideways.
		String name = "Dr Wanjikukamaunjoroge " + UUID.randomUUID().toString().substring(0, 8);
		Account psychologist = this.api.register("PSYCHOLOGIST", 2200L, name);
		WebDriver therapist = browser(width);
		Browsers.signIn(therapist, this.port, psychologist.email());
		therapist.get(url("/profile"));
		Browsers.waitFor(therapist)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("bio")))
			.sendKeys("Cognitive behavioural therapy for anxiety and low mood.");
		therapist.findElement(By.id("specialties")).sendKeys("Anxiety, Depression");
		therapist.findElement(By.cssSelector("form[action='/profile'] button[type=submit]")).click();
		Browsers.waitFor(therapist)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Saved."));
		therapist.get(url("/profile"));
		Browsers.waitFor(therapist)
			.until(ExpectedConditions.presenceOfElementLocated(By.id("photo")))
			.sendKeys(portrait().toString());
		therapist.findElement(By.cssSelector("form[action='/profile/photo'] button[type=submit]")).click();
		Browsers.waitFor(therapist).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
		Browsers.fits(therapist, "profile-saved-" + width);

		// Hours as suggested, with automatic approval.
		therapist.get(url("/availability"));
		WebElement automatic = Browsers.waitFor(therapist)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=autoApprove]")));
		if (!automatic.isSelected()) {
			((JavascriptExecutor) therapist).executeScript("arguments[0].click();", automatic);
		}
		therapist.findElement(By.cssSelector("form[action='/availability'] button[type=submit]")).click();
		Browsers.waitFor(therapist).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
		Browsers.fits(therapist, "hours-saved-" + width);

		// A client finds the profile with its photo, picks a free time, and is approved
		// at once.
		WebDriver client = browser(width);
		Browsers.signIn(client, this.port, this.api.client().email());
		client.get(url("/psychologists/" + psychologist.id()));
		WebElement photo = Browsers.waitFor(client)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main img")));
		Browsers.waitFor(client)
			.until((driver) -> ((Number) ((JavascriptExecutor) driver)
				.executeScript("return arguments[0].naturalWidth;", photo)).intValue() > 0);
		Browsers.waitFor(client).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#slots .slots a")));
		Browsers.fits(client, "profile-with-free-times-" + width);
		client.findElement(By.cssSelector("#slots .slots a")).click();
		Browsers.waitFor(client).until(ExpectedConditions.visibilityOfElementLocated(By.id("when")));
		client.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.waitFor(client).until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Pay now")));
		assertThat(client.findElement(By.id("rows")).getText()).as("approved automatically").contains("Approved");
		Browsers.fits(client, "booked-approved-at-once-" + width);
	}

	/** A small JPEG portrait, as a phone's camera would give one. */
	private static Path portrait() throws IOException {
		BufferedImage image = new BufferedImage(600, 800, BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = image.createGraphics();
		g.setColor(new java.awt.Color(27, 107, 74));
		g.fillRect(0, 0, 600, 800);
		g.setColor(java.awt.Color.WHITE);
		g.fillOval(150, 150, 300, 300);
		g.dispose();
		Path file = Files.createTempFile("portrait", ".jpg");
		ImageIO.write(image, "jpg", file.toFile());
		return file;
	}

}
