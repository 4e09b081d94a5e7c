package ke.malipo.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What tripped people around a booking, in Chromium on a phone and a laptop (issue 14): a
 * refused booking keeps the psychologist, time and notes; approving, declining and
 * cancelling say what happened and to whom, declining and cancelling ask for a reason and
 * a second press, the declined client reads why, and a request not yet approved is not
 * called unpaid. A screenshot of each step is kept under target/browser-screenshots.
 */
@MalipoIntegrationTest
class SessionDecisionsBrowserTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	Api api;

	private final List<WebDriver> browsers = new java.util.ArrayList<>();

	@AfterEach
	void closeBrowsers(TestInfo test) {
		Browsers.close(this.browsers, test.getDisplayName());
	}

	private WebDriver browser(int width, Account account) {
		WebDriver browser = Browsers.chromium();
		this.browsers.add(browser);
		Browsers.atWidth(browser, width);
		Browsers.signIn(browser, this.port, account.email());
		return browser;
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 360, 1280 })
	void aRefusedBookingKeepsTheChoicesMade(int width) {
		Account first = this.api.register("PSYCHOLOGIST", 1500L, "Dr A " + UUID.randomUUID());
		Account chosen = this.api.register("PSYCHOLOGIST", 1600L, "Dr Z " + UUID.randomUUID());
		WebDriver client = browser(width, this.api.client());
		client.get("http://localhost:" + this.port + "/sessions/new");
		new Select(client.findElement(By.id("psychologist"))).selectByValue(chosen.id().toString());
		// A time long past: refused by the server, whatever the browser allows.
		((JavascriptExecutor) client).executeScript("document.getElementById('when').value = '2001-01-01T10:00';");
		client.findElement(By.id("notes")).sendKeys("Evenings suit me best.");
		client.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.waitFor(client).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.error")));
		assertThat(new Select(client.findElement(By.id("psychologist"))).getFirstSelectedOption().getAttribute("value"))
			.as("the psychologist chosen, not the first in the list (" + first.id() + ")")
			.isEqualTo(chosen.id().toString());
		assertThat(client.findElement(By.id("when")).getAttribute("value")).isEqualTo("2001-01-01T10:00");
		assertThat(client.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Evenings suit me best.");
		Browsers.fits(client, "book-refused-" + width);
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 360, 1280 })
	void approveDeclineAndCancelSayWhatHappenedAndWhy(int width) {
		Account psychologist = this.api.register("PSYCHOLOGIST", 2000L, "Dr Decides " + UUID.randomUUID());
		Account clientAccount = this.api.register("CLIENT", null, "Achieng " + UUID.randomUUID());
		String toApprove = request(clientAccount, psychologist, 3);
		String toDecline = request(clientAccount, psychologist, 4);

		WebDriver client = browser(width, clientAccount);
		client.get("http://localhost:" + this.port + "/sessions");
		WebElement pending = Browsers.waitFor(client)
			.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("article[data-session='" + toApprove + "'] .pay-not-due")));
		assertThat(pending.getText()).as("not yet payable, so not 'Unpaid'").isEqualTo("Payable once approved");
		Browsers.fits(client, "decisions-client-pending-" + width);

		WebDriver therapist = browser(width, psychologist);
		therapist.get("http://localhost:" + this.port + "/sessions");
		row(therapist, toApprove).findElement(By.xpath(".//button[text()='Approve']")).click();
		WebElement notice = Browsers.waitFor(therapist)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
		assertThat(notice.getText()).startsWith("Approved.").contains("Achieng").contains("to pay");
		Browsers.fits(therapist, "decisions-approved-" + width);

		// Declining asks for a reason and a second press.
		WebElement declining = row(therapist, toDecline);
		declining.findElement(By.cssSelector("details.confirm summary")).click();
		WebElement reason = Browsers.waitFor(therapist)
			.until(ExpectedConditions.visibilityOf(declining.findElement(By.cssSelector("textarea[name=reason]"))));
		reason.sendKeys("I am away at a conference that week.");
		Browsers.fits(therapist, "decisions-decline-open-" + width);
		declining.findElement(By.cssSelector("button.danger")).click();
		Browsers.waitFor(therapist)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"),
					"has been told, with your reason"));
		Browsers.fits(therapist, "decisions-declined-" + width);

		client.get("http://localhost:" + this.port + "/sessions/" + toDecline);
		assertThat(Browsers.waitFor(client)
			.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("main")))
			.getText()).contains("Declined because").contains("I am away at a conference that week.");
		Browsers.fits(client, "decisions-client-declined-" + width);

		// The client cancels the approved one: a second press, a reason, and the words.
		client.get("http://localhost:" + this.port + "/sessions");
		WebElement approved = row(client, toApprove);
		approved.findElement(By.xpath(".//summary[contains(., 'Cancel')]")).click();
		approved.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("Something came up at work.");
		approved.findElement(By.cssSelector("button.danger")).click();
		Browsers.waitFor(client)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Cancelled."));
		assertThat(client.findElement(By.cssSelector("p.notice")).getText()).contains("Dr Decides")
			.contains("with your reason");
		Browsers.fits(client, "decisions-cancelled-" + width);
	}

	/**
	 * Fix 3 of issue 14: the list refreshes itself when something changes, and keyboard
	 * focus stays on the control it was on; while a "Decline…" box is open with a reason
	 * half typed, the refresh waits, and comes once the box is closed.
	 */
	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 360, 1280 })
	void theListRefreshesWithoutTakingFocusOrAHalfTypedReason(int width) {
		Account psychologist = this.api.register("PSYCHOLOGIST", 2000L, "Dr Focus " + UUID.randomUUID());
		Account clientAccount = this.api.client();
		String first = request(clientAccount, psychologist, 3);
		WebDriver therapist = browser(width, psychologist);
		therapist.get("http://localhost:" + this.port + "/sessions");
		row(therapist, first);
		JavascriptExecutor js = (JavascriptExecutor) therapist;
		js.executeScript(
				"window.swaps = 0; document.addEventListener('htmx:beforeSwap', function () { window.swaps++; });"
						+ " document.getElementById('approve-" + first + "').focus();");

		String second = request(clientAccount, psychologist, 4);
		row(therapist, second);
		assertThat(js.executeScript("return document.activeElement.id")).as("focus kept across the refresh")
			.isEqualTo("approve-" + first);

		WebElement declining = row(therapist, first);
		declining.findElement(By.cssSelector("details.confirm summary")).click();
		WebElement reason = declining.findElement(By.cssSelector("textarea[name=reason]"));
		reason.sendKeys("Half a reason");
		long swapsBefore = ((Number) js.executeScript("return window.swaps")).longValue();
		String third = request(clientAccount, psychologist, 5);
		Browsers.waitFor(therapist)
			.until((driver) -> ((Number) js.executeScript("return window.swaps")).longValue() > swapsBefore);
		assertThat(therapist.findElements(By.cssSelector("article[data-session='" + third + "']")))
			.as("the refresh waits while the box is open")
			.isEmpty();
		assertThat(reason.getAttribute("value")).isEqualTo("Half a reason");
		assertThat(declining.findElement(By.cssSelector("details.confirm")).getAttribute("open")).isNotNull();
		Browsers.fits(therapist, "list-waits-while-declining-" + width);

		declining.findElement(By.cssSelector("details.confirm summary")).click();
		row(therapist, third);
	}

	private WebElement row(WebDriver browser, String session) {
		return Browsers.waitFor(browser)
			.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("article[data-session='" + session + "']")));
	}

	/**
	 * A request for a session days from now, on the hour (the psychologist keeps no
	 * hours).
	 */
	private String request(Account client, Account psychologist, int days) {
		return this.api
			.post("/api/sessions", client.token(), Map.of("psychologistId", psychologist.id().toString(), "scheduledAt",
					OffsetDateTime.now(ZoneOffset.ofHours(3)).plusDays(days).truncatedTo(ChronoUnit.HOURS).toString()))
			.text("id");
	}

}
