package ke.malipo.web;

import java.time.Duration;
import java.util.Map;

import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paying in a real browser (headless Chromium), on a 390 px wide phone screen: htmx polls
 * the status and the page turns to the receipt or to the reason and Retry by itself, and
 * a double click on Pay sends one STK push.
 */
@MalipoIntegrationTest
class PaymentJourneyBrowserTests {

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Value("${local.server.port}")
	int port;

	private WebDriver browser;

	private String session;

	@BeforeEach
	void approvedSessionAndBrowser() {
		this.browser = Browsers.chromium();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1900);
		this.session = this.api.post("/api/sessions", client.token(),
				Map.of("psychologistId", psychologist.id().toString(), "scheduledAt",
						java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(3))
							.plusDays(3)
							.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
							.toString()))
			.text("id");
		this.api.post("/api/sessions/" + this.session + "/approve", psychologist.token(), null);
		signIn(client);
	}

	@AfterEach
	void closeBrowser(TestInfo test) {
		if (this.browser != null) {
			Browsers.close(java.util.List.of(this.browser), test.getDisplayName());
		}
	}

	private void signIn(Account account) {
		Browsers.signIn(this.browser, this.port, account.email());
	}

	private WebDriverWait waitFor() {
		return Browsers.waitFor(this.browser);
	}

	private void openPanelAndPay(String phone, boolean doubleClick) {
		this.browser.findElement(By.cssSelector("a[href='/sessions/" + this.session + "/pay']")).click();
		WebElement input = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
		input.clear();
		input.sendKeys(phone);
		WebElement pay = this.browser.findElement(By.cssSelector("#pay-form button"));
		pay.click();
		if (doubleClick) {
			try {
				pay.click();
			}
			catch (RuntimeException ex) {
				// The first click disabled the button or left the page: exactly the
				// point.
			}
		}
	}

	/**
	 * The check every browser test ends with sees a violation when there is one: an
	 * inline script slipped into a page is refused and reported.
	 */
	@Test
	void anInlineScriptIsRefusedAndReported() {
		((org.openqa.selenium.JavascriptExecutor) this.browser)
			.executeScript("const s = document.createElement('script'); s.textContent = 'window.leaked = 1';"
					+ " document.body.appendChild(s);");
		waitFor().until((driver) -> !Browsers.cspViolations(this.browser).isEmpty());
		assertThat(((org.openqa.selenium.JavascriptExecutor) this.browser).executeScript("return window.leaked"))
			.isNull();
	}

	@Test
	void clientPaysSeesTheReceiptWithoutReloadingAndDownloadsThePdf() {
		String phone = TestPhones.local(0).substring(1);
		openPanelAndPay("0" + phone, false);
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Payment received"));
		String receipt = this.browser.findElement(By.cssSelector("#status .receipt")).getText();
		assertThat(receipt).matches("[A-Z0-9]{10}");
		String pdfLink = this.browser.findElement(By.linkText("Download receipt (PDF)")).getAttribute("href");
		Map<String, Object> pdf = Browsers.fetch(this.browser, pdfLink);
		assertThat(pdf).containsEntry("status", 200L).containsEntry("type", "application/pdf");
		assertThat(pdf.get("head")).isEqualTo("%PDF-");
	}

	@org.junit.jupiter.params.ParameterizedTest(name = "at {0} px")
	@org.junit.jupiter.params.provider.ValueSource(ints = { 360, 1280 })
	void aCancelledPromptShowsTheReasonAndRetryWorks(int width) {
		// A number whose prompt waits on the virtual phone, cancelled only once the page
		// is marked: a reload would take the mark away (issue 14: Retry without a
		// reload), on a phone and on a laptop.
		Browsers.atWidth(this.browser, width);
		String cancelling = TestPhones.local(9);
		openPanelAndPay(cancelling, false);
		String msisdn = "254" + cancelling.substring(1);
		SimulatedTransaction prompt = waitFor().until((driver) -> this.simulator.waitingPrompts()
			.stream()
			.filter((t) -> t.phone().equals(msisdn))
			.findFirst()
			.orElse(null));
		waitFor().until(
				(driver) -> "AWAITING_CUSTOMER".equals(driver.findElement(By.id("status")).getAttribute("data-state")));
		((org.openqa.selenium.JavascriptExecutor) this.browser).executeScript("window.sameLoad = true");
		assertThat(this.simulator.cancel(prompt.checkoutRequestId())).isTrue();
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "You cancelled"));
		WebElement retry = waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#pay-form button")));
		assertThat(retry.getText()).isEqualTo("Retry");
		WebElement input = this.browser.findElement(By.id("phone"));
		assertThat(input.getAttribute("value").replace(" ", "")).as("the number just used, kept").isEqualTo(cancelling);
		assertThat(((org.openqa.selenium.JavascriptExecutor) this.browser).executeScript("return window.sameLoad"))
			.as("Retry appeared without a reload")
			.isEqualTo(true);
		Browsers.fits(this.browser, "pay-retry-" + width);
		input.clear();
		input.sendKeys(TestPhones.local(0));
		retry.click();
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Payment received"));
		// Asked how paying went (issue 15), as soon as insights knows of the payment.
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feedback form")));
		Browsers.fits(this.browser, "pay-received-after-retry-" + width);
		this.browser.findElement(By.cssSelector("#feedback input[name=score][value='4']")).click();
		this.browser.findElement(By.id("feedback-comment")).sendKeys("The first prompt never came");
		this.browser.findElement(By.cssSelector("#feedback button[type=submit]")).click();
		waitFor().until(
				ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "your rating is saved"));
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("feedback-given"), "4 of 5"));
		Browsers.fits(this.browser, "session-rated-" + width);
	}

	@Test
	void aDoubleClickOnPaySendsOnePush() {
		String phone = TestPhones.local(9);
		openPanelAndPay(phone, true);
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Check your phone"));
		String msisdn = "254" + phone.substring(1);
		assertThat(this.simulator.transactions().stream().filter((t) -> t.phone().equals(msisdn)).count()).isEqualTo(1);
		assertThat(this.browser.findElements(By.cssSelector("[role=progressbar]"))).isNotEmpty();
	}

}
