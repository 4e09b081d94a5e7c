package ke.malipo.web;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The psychologist's and the admin's pages in a real browser (headless Chromium): a
 * payment turns the psychologist's session to paid without a reload, and the admin
 * searches, filters and exports a CSV whose rows are the rows on the screen.
 */
@MalipoIntegrationTest
class DashboardBrowserTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	private WebDriver browser;

	private int booked;

	@BeforeEach
	void openBrowser() {
		this.browser = Browsers.chromium();
	}

	@AfterEach
	void closeBrowser(TestInfo test) {
		if (this.browser != null) {
			Browsers.close(java.util.List.of(this.browser), test.getDisplayName());
		}
	}

	/**
	 * The directory, a profile with its free times, the booking form and a psychologist's
	 * hours fit a 360-pixel phone and a 1280-pixel laptop without sideways scrolling
	 * (issue 14); a screenshot of each is kept under target/browser-screenshots.
	 */
	@Test
	void theNewPagesFitAPhoneAndALaptop() {
		Account psychologist = this.api.register("PSYCHOLOGIST", 2400L, "Dr Kamau Wide-Name " + UUID.randomUUID());
		this.api.call(org.springframework.http.HttpMethod.PUT, "/api/me/profile", psychologist.token(),
				Map.of("bio", "Long words: psychoeducation, interpersonal-psychotherapy, mindfulness-based work.",
						"specialties", List.of("Anxiety", "Post-traumatic stress", "Couples"), "languages",
						List.of("English", "Kiswahili", "Kikuyu"), "location", "Ngong Road, Kilimani, Nairobi",
						"licenceNumber", "KCPB/2024/0001234"));
		Browsers.signIn(this.browser, this.port, this.api.client().email());
		WebDriver therapist = Browsers.chromium();
		WebDriver admin = Browsers.chromium();
		try {
			Browsers.signIn(therapist, this.port, psychologist.email());
			Browsers.signIn(admin, this.port, this.api.admin().email());
			for (int width : new int[] { 360, 1280 }) {
				Browsers.atWidth(admin, width);
				Browsers.atWidth(this.browser, width);
				Browsers.atWidth(therapist, width);
				fits(this.browser, "/psychologists", width);
				fits(this.browser, "/psychologists/" + psychologist.id(), width);
				Browsers.waitFor(this.browser)
					.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#slots .slots a")));
				fits(this.browser, null, width);
				fits(this.browser, "/sessions/new?psychologist=" + psychologist.id(), width);
				fits(therapist, "/availability", width);
				fits(therapist, "/profile", width);
				fits(therapist, "/sessions", width);
				fits(admin, "/admin/transactions", width);
				fits(admin, "/admin/reconciliation", width);
				fits(admin, "/admin/audit", width);
				fits(admin, "/admin/accounting", width);
				fits(admin, "/admin/insights", width);
			}
		}
		finally {
			therapist.quit();
			admin.quit();
		}
	}

	/** Opens the page (or stays on it) and requires nothing wider than the window. */
	private void fits(WebDriver driver, @org.jspecify.annotations.Nullable String path, int width) {
		if (path != null) {
			driver.get("http://localhost:" + this.port + path);
		}
		Browsers.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
		Browsers.fits(driver,
				"fit-" + width + "-"
						+ driver.getCurrentUrl()
							.replaceAll("^https?://[^/]+/", "")
							.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "id"));
	}

	/**
	 * Every page, as each kind of person sees it, has no WCAG 2.1 A or AA violation that
	 * axe-core finds (issue 14).
	 */
	@Test
	void everyPagePassesAxe() {
		Account psychologist = this.api.psychologist(1900);
		Map<String, List<String>> pages = new java.util.LinkedHashMap<>();
		pages.put("", List.of("/login", "/register", "/forgot-password"));
		pages.put(this.api.client().email(), List.of("/sessions", "/sessions/new", "/payments", "/notifications",
				"/account", "/psychologists", "/psychologists/" + psychologist.id()));
		pages.put(psychologist.email(), List.of("/sessions", "/profile", "/availability", "/account"));
		pages.put(this.api.admin().email(), List.of("/admin/transactions", "/admin/reconciliation",
				"/admin/notifications", "/admin/audit", "/admin/accounting", "/admin/insights", "/account"));
		List<String> violations = new java.util.ArrayList<>();
		for (Map.Entry<String, List<String>> person : pages.entrySet()) {
			WebDriver driver = Browsers.chromium();
			try {
				if (!person.getKey().isEmpty()) {
					Browsers.signIn(driver, this.port, person.getKey());
				}
				for (String path : person.getValue()) {
					driver.get("http://localhost:" + this.port + path);
					Browsers.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
					Browsers.accessibilityViolations(driver).forEach((v) -> violations.add(path + " " + v));
				}
			}
			finally {
				driver.quit();
			}
		}
		assertThat(violations).isEmpty();
		// The engine is really looking: an image without words is found on a page.
		WebDriver driver = Browsers.chromium();
		try {
			driver.get("http://localhost:" + this.port + "/login");
			((JavascriptExecutor) driver).executeScript(
					"const i = document.createElement('img'); i.src = '/favicon.ico'; document.querySelector('main').append(i);");
			assertThat(Browsers.accessibilityViolations(driver))
				.anySatisfy((v) -> assertThat(v).startsWith("image-alt"));
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * A client whose phone keeps another time zone sees their own time beside each free
	 * time, which stays in East Africa Time (issue 14).
	 */
	@Test
	void freeTimesShowTheClientsOwnTimeWhenTheirPhoneIsElsewhere() {
		Account psychologist = this.api.psychologist(2000);
		Browsers.signIn(this.browser, this.port, this.api.client().email());
		((org.openqa.selenium.chromium.HasCdp) this.browser).executeCdpCommand("Emulation.setTimezoneOverride",
				Map.of("timezoneId", "Asia/Tokyo"));
		this.browser.get("http://localhost:" + this.port + "/psychologists/" + psychologist.id());
		WebElement first = Browsers.waitFor(this.browser)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#slots .slots time")));
		Browsers.waitFor(this.browser).until((driver) -> first.getText().contains("your time"));
		// Tokyo is six hours ahead of Nairobi: 08:00 EAT is 14:00 there.
		String eat = first.getAttribute("datetime");
		java.time.LocalTime tokyo = java.time.Instant.parse(eat)
			.atZone(java.time.ZoneId.of("Asia/Tokyo"))
			.toLocalTime();
		assertThat(first.getText())
			.startsWith(
					java.time.Instant.parse(eat).atZone(java.time.ZoneId.of("Africa/Nairobi")).toLocalTime().toString())
			.contains("(" + tokyo + " your time)");
	}

	/**
	 * Booking and paying with the keyboard alone (issue 14): every step is reached with
	 * Tab, shows where the focus is, and acts with Enter.
	 */
	@Test
	void aClientBooksAndPaysWithTheKeyboardAlone() {
		Account psychologist = this.api.register("PSYCHOLOGIST", 2100L, "Dr Keyboard " + UUID.randomUUID());
		Account client = this.api.client();
		this.browser.get("http://localhost:" + this.port + "/login");
		Browsers.tabTo(this.browser, "the email field", (e) -> "username".equals(e.getAttribute("name")))
			.sendKeys(client.email());
		Browsers.tabTo(this.browser, "the password field", (e) -> "password".equals(e.getAttribute("name")))
			.sendKeys(Api.PASSWORD, org.openqa.selenium.Keys.ENTER);
		Browsers.waitFor(this.browser).until(ExpectedConditions.urlContains("/sessions"));

		Browsers.tabTo(this.browser, "Find a psychologist", (e) -> "Find a psychologist".equals(e.getText()))
			.sendKeys(org.openqa.selenium.Keys.ENTER);
		Browsers.waitFor(this.browser).until(ExpectedConditions.urlContains("/psychologists"));
		Browsers.tabTo(this.browser, "the search field", (e) -> "q".equals(e.getAttribute("name")))
			.sendKeys("Dr Keyboard", org.openqa.selenium.Keys.ENTER);
		Browsers.waitFor(this.browser).until(ExpectedConditions.urlContains("q=Dr"));
		String profile = "/psychologists/" + psychologist.id();
		Browsers
			.tabTo(this.browser, "the psychologist's name",
					(e) -> String.valueOf(e.getAttribute("href")).endsWith(profile))
			.sendKeys(org.openqa.selenium.Keys.ENTER);
		Browsers.waitFor(this.browser)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#slots .slots a")));
		Browsers
			.tabTo(this.browser, "the first free time",
					(e) -> String.valueOf(e.getAttribute("href")).contains("/sessions/new?psychologist="))
			.sendKeys(org.openqa.selenium.Keys.ENTER);
		Browsers.waitFor(this.browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("when")));
		Browsers.tabTo(this.browser, "Request session", (e) -> "Request session".equals(e.getText()))
			.sendKeys(org.openqa.selenium.Keys.ENTER);
		Browsers.waitFor(this.browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "Pending"));

		String session = sessionOf(client);
		assertThat(this.api.post("/api/sessions/" + session + "/approve", psychologist.token(), null).status())
			.isEqualTo(200);
		this.browser.navigate().refresh();
		Browsers.waitFor(this.browser).until(ExpectedConditions.presenceOfElementLocated(By.linkText("Pay now")));
		Browsers.tabTo(this.browser, "Pay now", (e) -> "Pay now".equals(e.getText()))
			.sendKeys(org.openqa.selenium.Keys.ENTER);
		Browsers.waitFor(this.browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
		Browsers
			.tabTo(this.browser, "the pay button",
					(e) -> "button".equals(e.getTagName()) && e.getText().startsWith("Pay"))
			.sendKeys(org.openqa.selenium.Keys.ENTER);
		Browsers.waitFor(this.browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Payment received"));
	}

	/**
	 * The whole journey through the pages, two people in two browsers: the client books
	 * with the form, the psychologist approves on their list, the client pays (the
	 * simulated phone accepts by itself; the virtual phone page is exercised by the page
	 * tests, away from the prompts' short test timeout), sees the receipt and downloads
	 * the PDF.
	 */
	@Test
	void aClientBooksThePsychologistApprovesAndTheClientPaysAndDownloadsTheReceipt() {
		Account client = this.api.client();
		Account psychologist = this.api.register("PSYCHOLOGIST", 2400L, "Dr Journey " + UUID.randomUUID());
		Browsers.signIn(this.browser, this.port, client.email());
		// From the directory: search by name, open the profile, pick its first free time.
		this.browser.findElement(By.linkText("Find a psychologist")).click();
		Browsers.waitFor(this.browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
		this.browser.findElement(By.id("q")).sendKeys("Dr Journey");
		this.browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
		Browsers.waitFor(this.browser)
			.until(ExpectedConditions
				.elementToBeClickable(By.cssSelector("a[href='/psychologists/" + psychologist.id() + "']")))
			.click();
		Browsers.waitFor(this.browser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#slots .slots a")))
			.click();
		assertThat(new Select(Browsers.waitFor(this.browser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("psychologist")))).getFirstSelectedOption()
			.getAttribute("value")).isEqualTo(psychologist.id().toString());
		assertThat(this.browser.findElement(By.id("when")).getAttribute("value")).as("the free time chosen")
			.isNotBlank();
		this.browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.waitFor(this.browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "Pending"));

		WebDriver therapist = Browsers.chromium();
		try {
			Browsers.signIn(therapist, this.port, psychologist.email());
			Browsers.waitFor(therapist)
				.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Approve']")))
				.click();
			Browsers.waitFor(therapist)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "Approved"));
		}
		finally {
			therapist.quit();
		}

		this.browser.navigate().refresh();
		Browsers.waitFor(this.browser).until(ExpectedConditions.elementToBeClickable(By.linkText("Pay now"))).click();
		org.openqa.selenium.WebElement phone = Browsers.waitFor(this.browser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
		assertThat(phone.getAttribute("value")).as("the account's number, filled in").isEqualTo("0712 345 678");
		phone.clear();
		phone.sendKeys(TestPhones.local(0));
		this.browser.findElement(By.cssSelector("#pay-form button")).click();
		Browsers.waitFor(this.browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Payment received"));
		String receipt = this.browser.findElement(By.cssSelector("#status .receipt")).getText();
		Map<String, Object> pdf = Browsers.fetch(this.browser,
				this.browser.findElement(By.linkText("Download receipt (PDF)")).getAttribute("href"));
		assertThat(pdf).containsEntry("status", 200L).containsEntry("type", "application/pdf");
		assertThat(receipt).isEqualTo(
				this.api.get("/api/mpesa/status/" + sessionOf(client), client.token()).text("mpesaReceiptNumber"));
	}

	/** Properties 32 and 36 in the browser. */
	@Test
	void property32_thePsychologistsPageTurnsToPaidWithoutAReload() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(2200);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 2, 2 * this.booked++);
		Browsers.signIn(this.browser, this.port, psychologist.email());
		By badge = By.cssSelector("article[data-session='" + session + "'] .badge.pay-unpaid");
		Browsers.waitFor(this.browser).until(ExpectedConditions.visibilityOfElementLocated(badge));
		// Anything set on the window survives only if the page is never reloaded.
		((JavascriptExecutor) this.browser).executeScript("window.sameDocument = 'yes';");

		pay(client, session, TestPhones.local(0));

		By paid = By.cssSelector("article[data-session='" + session + "'] .badge.pay-paid");
		WebElement paidBadge = Browsers.waitFor(this.browser)
			.until(ExpectedConditions.visibilityOfElementLocated(paid));
		assertThat(paidBadge.getText()).isEqualTo("Paid");
		assertThat(((JavascriptExecutor) this.browser).executeScript("return window.sameDocument;")).isEqualTo("yes");
		String receipt = this.browser.findElement(By.cssSelector("article[data-session='" + session + "'] .receipt"))
			.getText();
		assertThat(receipt)
			.isEqualTo(this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber"));
	}

	/** Properties 37, 38, 39 and 40 in the browser. */
	@Test
	void property40_theAdminSearchesFiltersAndExportsTheRowsOnTheScreen() throws IOException {
		String name = "Zawadi " + UUID.randomUUID().toString().substring(0, 8);
		Account client = this.api.register("CLIENT", null, name);
		Account psychologist = this.api.psychologist(1800);
		pay(client, PaymentTestSupport.approvedSession(this.api, client, psychologist, 2, 2 * this.booked++),
				TestPhones.local(0));
		pay(client, PaymentTestSupport.approvedSession(this.api, client, psychologist, 2, 2 * this.booked++),
				TestPhones.local(1));
		pay(client, PaymentTestSupport.approvedSession(this.api, client, psychologist, 2, 2 * this.booked++),
				TestPhones.local(0));
		Projections.caughtUp(this.jdbc);
		Browsers.signIn(this.browser, this.port, this.api.admin().email());
		this.browser.get("http://localhost:" + this.port + "/admin/transactions");

		WebElement search = this.browser.findElement(By.id("q"));
		search.sendKeys(name);
		new Select(this.browser.findElement(By.id("status"))).selectByVisibleText("Paid");
		this.browser.findElement(By.cssSelector(".filters button[type=submit]")).click();
		Browsers.waitFor(this.browser).until(ExpectedConditions.urlContains("status=PAID"));

		Browsers.screenshot(this.browser, "admin-transactions-filtered");
		List<WebElement> rows = this.browser.findElements(By.cssSelector("#transactions tbody tr"));
		assertThat(rows).hasSize(2);
		assertThat(this.browser.findElement(By.id("total")).getText()).startsWith("2 transactions");
		List<String> onScreen = rows.stream().map((row) -> row.getAttribute("data-payment")).toList();
		assertThat(rows)
			.allSatisfy((row) -> assertThat(row.getText()).contains(name).contains("Paid").contains("KES 1,800"));

		String href = this.browser.findElement(By.id("export")).getAttribute("href");
		Map<String, Object> export = Browsers.fetch(this.browser, href);
		assertThat(export).containsEntry("status", 200L);
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader((String) export.get("text")))
			.getRecords();
		assertThat(records).extracting((record) -> record.get("payment_id")).containsExactlyElementsOf(onScreen);
		for (int i = 0; i < rows.size(); i++) {
			List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
			CSVRecord record = records.get(i);
			assertThat(cells.get(4).getText()).isEqualTo(record.get("mpesa_receipt"));
			assertThat(cells.get(5).getText()).isEqualTo(record.get("phone"));
			assertThat(cells.get(2).getText()).isEqualTo(record.get("client"));
		}

		rows.get(0).findElement(By.tagName("a")).click();
		Browsers.waitFor(this.browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
		assertThat(this.browser.findElements(By.cssSelector("#timeline li[data-kind=PAID]"))).hasSize(1);
	}

	private String sessionOf(Account client) {
		return this.api.get("/api/sessions", client.token()).body().get(0).get("id").asString();
	}

	private void pay(Account client, String session, String phone) {
		assertThat(
				this.api.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", session, "phoneNumber", phone))
					.status())
			.isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> List.of("PAID", "FAILED")
				.contains(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
	}

}
