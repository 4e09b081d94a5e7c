package ke.malipo.web;

import java.util.List;

import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration form in a real browser (issue 14): the session rate is asked of
 * psychologists only, and each role's choice sits beside its words.
 */
@MalipoIntegrationTest
class RegistrationBrowserTests {

	@Value("${local.server.port}")
	int port;

	private WebDriver browser;

	@AfterEach
	void closeBrowser(TestInfo test) {
		if (this.browser != null) {
			Browsers.close(List.of(this.browser), test.getDisplayName());
		}
	}

	@Test
	void theRateIsAskedOfPsychologistsOnly() {
		this.browser = Browsers.chromium();
		this.browser.get("http://localhost:" + this.port + "/register");
		assertThat(this.browser.findElement(By.id("rate")).isDisplayed()).as("a client is not asked for a rate")
			.isFalse();
		this.browser.findElement(By.cssSelector("input[name=role][value=PSYCHOLOGIST]")).click();
		assertThat(this.browser.findElement(By.id("rate")).isDisplayed()).isTrue();
		// The radio and its words on one line.
		var radio = this.browser.findElement(By.cssSelector("input[name=role][value=CLIENT]")).getRect();
		var words = this.browser.findElement(By.cssSelector("input[name=role][value=CLIENT]"))
			.findElement(By.xpath(".."))
			.getRect();
		assertThat(radio.getY()).isBetween(words.getY(), words.getY() + words.getHeight());
	}

}
