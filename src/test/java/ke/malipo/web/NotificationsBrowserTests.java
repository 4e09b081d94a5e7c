package ke.malipo.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifications journey in a real browser (issue 11): the approved client sees the
 * bell count and the email in the mailbox, pays, and the psychologist's bell shows the
 * payment, all without reloading a page.
 */
@MalipoIntegrationTest
class NotificationsBrowserTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	private final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void closeBrowsers(TestInfo test) {
		Browsers.close(this.browsers, test.getDisplayName());
	}

	@Test
	void approvalBellMailboxPaymentAndThePsychologistsBell() {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Account client = this.api.register("CLIENT", null, "Naliaka " + tag);
		Account psychologist = this.api.register("PSYCHOLOGIST", 1750L, "Dr Kilonzo " + tag);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3, 16);

		WebDriver asClient = open(client);
		Browsers.waitFor(asClient)
			.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.cssSelector("#bell .bell-count"), "0")));
		asClient.get("http://localhost:" + this.port + "/notifications");
		assertThat(asClient.findElement(By.cssSelector(".notices")).getText()).contains("Session approved: please pay")
			.contains("Dr Kilonzo " + tag);
		asClient.get("http://localhost:" + this.port + "/simulator/mailbox?to=" + client.email());
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			asClient.navigate().refresh();
			return asClient.findElement(By.tagName("main")).getText().contains("Your session is approved");
		});

		WebDriver asPsychologist = open(psychologist);
		asPsychologist.get("http://localhost:" + this.port + "/notifications");
		assertThat(asPsychologist.findElement(By.cssSelector(".notices")).getText()).doesNotContain("Payment received");
		String unreadBefore = Browsers.waitFor(asPsychologist)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bell .bell-count")))
			.getText();

		assertThat(this.api
			.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)))
			.status()).isEqualTo(202);
		// The bell refreshes itself (htmx, every 15 s): no reload.
		Browsers.waitFor(asPsychologist)
			.withTimeout(Duration.ofSeconds(40))
			.until(ExpectedConditions
				.not(ExpectedConditions.textToBe(By.cssSelector("#bell .bell-count"), unreadBefore)));
		asPsychologist.findElement(By.id("bell")).click();
		Browsers.waitFor(asPsychologist)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notices"), "Payment received"));
		assertThat(asPsychologist.findElement(By.cssSelector(".notices")).getText()).contains("Naliaka " + tag);
	}

	private WebDriver open(Account account) {
		WebDriver browser = Browsers.chromium();
		this.browsers.add(browser);
		Browsers.signIn(browser, this.port, account.email());
		return browser;
	}

}
