package ke.malipo.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.money.Kes;
import ke.malipo.identity.Psychologist;
import ke.malipo.identity.UserId;
import ke.malipo.insights.internal.DemoHistoryFixture;
import ke.malipo.support.Api;
import ke.malipo.support.Browsers;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insights page in Chromium at a phone's and a laptop's width (issue 15): sixteen
 * weeks of history for one psychologist drawn as charts by week and by day, the
 * forecast's four weeks with their bands, nothing to scroll sideways, no axe-core
 * violation, in English and Kiswahili. Full-page screenshots are kept under
 * target/browser-screenshots.
 */
@MalipoIntegrationTest
class InsightsBrowserTests {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	@Value("${local.server.port}")
	int port;

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	private WebDriver browser;

	@AfterEach
	void closeBrowser(TestInfo test) {
		if (this.browser != null) {
			Browsers.close(List.of(this.browser), test.getDisplayName());
		}
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 360, 1280 })
	void historyIsDrawnWithItsForecast(int width) {
		String name = "Dr Chart " + UUID.randomUUID();
		Api.Account psychologist = this.api.register("PSYCHOLOGIST", 1500L, name);
		LocalDate today = LocalDate.now(EAT);
		int rows = DemoHistoryFixture.seed(this.jdbc,
				new Psychologist(new UserId(psychologist.id()), name, Kes.of(1500)), today);
		assertThat(rows).isGreaterThan(100);
		this.browser = Browsers.chromium();
		this.browser.manage().window().setSize(new Dimension(width, (width < 600) ? 4200 : 2600));
		Browsers.signIn(this.browser, this.port, this.api.admin().email());

		String weeks = "/admin/insights?by=week&from=" + today.minusDays(55) + "&to=" + today.minusDays(1)
				+ "&psychologist=" + psychologist.id();
		open(weeks);
		int columns = this.browser.findElements(By.cssSelector("#money-chart rect.bar")).size();
		assertThat(columns).as("eight or nine weeks from a Monday").isBetween(8, 9);
		assertThat(this.browser.findElements(By.cssSelector("#volume-chart polyline.rate"))).hasSize(1);
		assertThat(this.browser.findElements(By.cssSelector("#forecast-table tbody tr"))).hasSize(4);
		assertThat(this.browser.findElements(By.cssSelector("#bookings-chart rect.bar.forecast"))).hasSize(4);
		assertThat(this.browser.findElements(By.cssSelector("#bookings-chart line.whisker"))).hasSize(4);
		assertThat(this.browser.findElement(By.id("value-total")).getText()).startsWith("KES ");
		assertThat(this.browser.findElement(By.cssSelector("#people-table tbody th")).getText()).isEqualTo(name);
		Browsers.fits(this.browser, "insights-weeks-" + width);

		open("/admin/insights?from=" + today.minusDays(28) + "&to=" + today.minusDays(1) + "&psychologist="
				+ psychologist.id());
		assertThat(this.browser.findElements(By.cssSelector("#money-chart rect.bar"))).hasSize(28);
		Browsers.fits(this.browser, "insights-days-" + width);

		this.browser.findElement(By.linkText("Kiswahili")).click();
		Browsers.waitFor(this.browser).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "sw"));
		open(weeks);
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Takwimu");
		Browsers.fits(this.browser, "insights-weeks-sw-" + width);
		this.browser.findElement(By.linkText("English")).click();
		Browsers.waitFor(this.browser).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
	}

	private void open(String path) {
		this.browser.get("http://localhost:" + this.port + path);
		Browsers.waitFor(this.browser).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
	}

}
