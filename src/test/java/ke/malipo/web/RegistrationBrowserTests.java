package ke.malipo.web;

import java.util.List;
import java.util.UUID;

import ke.malipo.support.Api;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration form in a real browser, on a phone and a laptop (issue 14): the
 * session rate is asked of psychologists only, each role's choice sits beside its words,
 * and a refused form keeps everything typed but the password. Screenshots of the form and
 * of its refusal are kept under target/browser-screenshots.
 */
@MalipoIntegrationTest
class RegistrationBrowserTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	Api api;

	private WebDriver browser;

	@AfterEach
	void closeBrowser(TestInfo test) {
		if (this.browser != null) {
			Browsers.close(List.of(this.browser), test.getDisplayName());
		}
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 360, 1280 })
	void theRateIsAskedOfPsychologistsOnlyAndARefusalKeepsWhatWasTyped(int width) {
		this.browser = Browsers.chromium();
		Browsers.atWidth(this.browser, width);
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
		Browsers.fits(this.browser, "register-" + width);

		// An email that already has an account: refused, and nothing typed is lost.
		String name = "Dr Wambui " + UUID.randomUUID().toString().substring(0, 8);
		String taken = this.api.client().email();
		this.browser.findElement(By.id("name")).sendKeys(name);
		this.browser.findElement(By.id("email")).sendKeys(taken);
		this.browser.findElement(By.id("phone")).sendKeys("0722 000 111");
		this.browser.findElement(By.id("rate")).sendKeys("2500");
		this.browser.findElement(By.id("password")).sendKeys("a long and careful passphrase");
		this.browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.waitFor(this.browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "already"));
		assertThat(this.browser.findElement(By.id("name")).getAttribute("value")).isEqualTo(name);
		assertThat(this.browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(taken);
		assertThat(this.browser.findElement(By.id("phone")).getAttribute("value")).isEqualTo("0722 000 111");
		assertThat(this.browser.findElement(By.cssSelector("input[name=role][value=PSYCHOLOGIST]")).isSelected())
			.as("still a psychologist")
			.isTrue();
		assertThat(this.browser.findElement(By.id("rate")).isDisplayed()).isTrue();
		assertThat(this.browser.findElement(By.id("rate")).getAttribute("value")).isEqualTo("2500");
		assertThat(this.browser.findElement(By.id("password")).getAttribute("value")).as("never sent back").isEmpty();
		Browsers.fits(this.browser, "register-refused-" + width);
	}

}
