package ke.malipo.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ke.malipo.audit.internal.Sequencer;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An admin follows a payment from its page to its audit entries (issue 13): the page says
 * the log verifies, and lists the payment's initiation and changes of state.
 */
@MalipoIntegrationTest
class AuditBrowserTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Sequencer sequencer;

	@Value("${local.server.port}")
	int port;

	private final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void closeBrowsers(TestInfo test) {
		Browsers.close(this.browsers, test.getDisplayName());
	}

	@Test
	void fromAPaymentToItsAuditEntries() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1150);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 12, 1);
		String payment = this.api
			.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)))
			.text("paymentId");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.jdbc.sql("""
				select count(*) from audit.entries where subject = :subject and action = 'PAYMENT_STATUS_CHANGED'
				   and detail like '% to PAID;%'
				""").param("subject", "payment:" + payment).query(Integer.class).single() == 1);
		Projections.caughtUp(this.jdbc, "finance");
		this.sequencer.sequence();

		WebDriver browser = Browsers.chromium();
		this.browsers.add(browser);
		Browsers.signIn(browser, this.port, this.api.admin().email());
		browser.get("http://localhost:" + this.port + "/admin/transactions/" + payment);
		Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("audit-link")));
		browser.findElement(By.id("audit-link")).click();
		Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
		assertThat(browser.findElement(By.id("audit-verified")).getText()).startsWith("The log verifies");
		String table = browser.findElement(By.id("audit")).getText();
		assertThat(table).contains("PAYMENT_INITIATED").contains("PAYMENT_STATUS_CHANGED").contains("to PAID");
	}

}
