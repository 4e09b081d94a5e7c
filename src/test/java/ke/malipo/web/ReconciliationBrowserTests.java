package ke.malipo.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ke.malipo.support.Api;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation journey in a real browser (issue 12): an admin uploads a statement
 * with one injected discrepancy, reconciles its day, sees it flagged beside the matched
 * payment, opens it (both sides' records and why), and closes it with a note.
 */
@MalipoIntegrationTest
class ReconciliationBrowserTests {

	private static final String HEADER = "Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,"
			+ "Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.";

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	private final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void closeBrowsers(TestInfo test) {
		Browsers.close(this.browsers, test.getDisplayName());
	}

	@Test
	void uploadSeeTheDiscrepancyAndCloseIt() throws Exception {
		// A day of its own, long past: two payments of ours, M-Pesa's statement of it
		// with
		// one amount wrong.
		String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
		int days = Math.floorMod(tag.hashCode(), 3000);
		java.time.LocalDate day = java.time.LocalDate.of(2005, 1, 1).plusDays(days);
		String good = "G" + tag + "123";
		String bad = "B" + tag + "123";
		payment(good, 1500, day, 9);
		payment(bad, 2000, day, 10);
		String date = String.format("%02d-%02d-%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear());
		String csv = "Time Period,From " + date + " 00:00:00 To " + date + " 23:59:59\r\n" + HEADER + "\r\n" + good
				+ "," + date + " 09:00:30," + date
				+ " 09:00:05,Pay Bill Online,Completed,\"1,500.00\",,\"1,500.00\",true,"
				+ "Pay Bill Online,2547****0001 - ANN,,Malipo" + tag + "\r\n" + bad + "," + date + " 10:00:30," + date
				+ " 10:00:05,Pay Bill Online,Completed,\"1,900.00\",,\"3,400.00\",true,Pay Bill Online,"
				+ "2547****0002 - BEN,,Malipo" + tag + "\r\n";
		Path file = Files.createTempFile("statement-", ".csv");
		Files.writeString(file, csv);

		WebDriver browser = Browsers.chromium();
		this.browsers.add(browser);
		Browsers.signIn(browser, this.port, this.api.admin().email());
		browser.get("http://localhost:" + this.port + "/admin/reconciliation");
		browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
		browser.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
		// A preview first: nothing counts until it is imported.
		Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("preview-summary")));
		assertThat(browser.findElement(By.id("preview-rows")).getText()).isEqualTo("2 (2 new, 0 already imported)");
		assertThat(browser.findElement(By.id("preview-paid-in")).getText()).isEqualTo("KES 3,400");
		assertThat(browser.findElements(By.cssSelector("#preview-table tbody tr"))).hasSize(2);
		browser.findElement(By.id("import-statement")).click();
		Browsers.waitFor(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Imported 2 rows"));
		// The range follows the uploaded statement's period.
		assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo(day.toString());
		browser.findElement(By.id("run")).click();

		Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("items")));
		assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("Complete");
		// The statement covers every hour of the day, and the coverage grid says so.
		assertThat(browser.findElements(By.cssSelector("#coverage td"))).hasSize(24);
		assertThat(browser.findElements(By.cssSelector("#coverage td.uncovered"))).isEmpty();
		assertThat(browser.findElement(By.cssSelector("#coverage td[data-hour='9']")).getAttribute("title"))
			.isEqualTo("09:00 covered by statement");
		assertThat(browser.findElement(By.id("tie-out")).getText()).contains("KES 3,400")
			.contains("every shilling accounted for");
		WebElement flagged = browser.findElement(By.cssSelector("#items tr[data-status=DISCREPANCY]"));
		assertThat(flagged.getText()).contains("Amount mismatch").contains("KES 2,000").contains("KES 1,900");
		assertThat(browser.findElement(By.cssSelector("#items tr[data-status=MATCHED]")).getText()).contains(good);

		flagged.findElement(By.cssSelector("a")).click();
		Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("explanation")));
		assertThat(browser.findElement(By.id("explanation")).getText()).contains("KES 2,000 here")
			.contains("KES 1,900 at M-Pesa");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Malipo").contains("M-Pesa (statement)");
		browser.navigate().back();

		Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("items")));
		browser.findElement(By.cssSelector("#items tr[data-status=DISCREPANCY] input[type=checkbox]")).click();
		browser.findElement(By.id("note")).sendKeys("Statement amount typed by hand; M-Pesa confirmed 2,000");
		browser.findElement(By.id("close-items")).click();
		Browsers.waitFor(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "1 item closed."));
		assertThat(browser.findElement(By.cssSelector("#items tr[data-status=DISCREPANCY]")).getText())
			.contains("closed: Statement amount typed by hand");
	}

	/** A paid payment of ours on that day, as reconciliation's ledger holds it. */
	private void payment(String receipt, long amount, java.time.LocalDate day, int hour) {
		java.time.Instant at = day.atTime(hour, 0).atZone(java.time.ZoneId.of("Africa/Nairobi")).toInstant();
		String reference = receipt.substring(1, 7);
		this.jdbc
			.sql("""
					insert into reconciliation.payments (payment_id, session_id, client_id, amount, phone, reference, receipt,
					  state, created_at, updated_at, paid_at, version)
					values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), :amount, :phone, :reference, :receipt,
					  'PAID', :at, :at, :at, 1)
					""")
			.param("amount", amount)
			.param("phone", "25470000000" + (amount == 1500 ? "1" : "2"))
			.param("reference", reference)
			.param("receipt", receipt)
			.param("at", java.sql.Timestamp.from(at))
			.update();
	}

}
