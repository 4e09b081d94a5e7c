package ke.malipo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real headless Chromium for browser tests: Debian's {@code chromium} and
 * {@code chromium-driver}, never a downloaded browser. Without them the tests are skipped
 * locally with a hint; in CI ({@code CI=true}) a missing browser fails the run.
 */
public final class Browsers {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Browsers() {
	}

	public static WebDriver chromium() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
		if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("Browser tests need /usr/bin/chromium and /usr/bin/chromedriver; "
					+ ".ci/run installs them (apt-get install chromium chromium-driver)");
		}
		Assumptions.assumeTrue(installed,
				"Browser tests skipped: install Chromium with 'sudo apt-get install chromium chromium-driver'");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// The console is read when the browser closes, for Content-Security-Policy
		// violations.
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=390,900", "--user-data-dir=" + tempDir());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ZERO);
		return driver;
	}

	/** Signs in through the login page with the password every test account has. */
	public static void signIn(WebDriver driver, int port, String email) {
		driver.get("http://localhost:" + port + "/login");
		driver.findElement(By.id("username")).sendKeys(email);
		driver.findElement(By.id("password")).sendKeys("correct-horse-battery");
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		// Signed in: away from the form (an admin starts on the desk, others on
		// sessions).
		waitFor(driver).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	public static WebDriverWait waitFor(WebDriver driver) {
		return new WebDriverWait(driver, Duration.ofSeconds(15));
	}

	/**
	 * Fetches a link the way the page would, with the page's cookies: {@code status},
	 * {@code type} and the body ({@code text}, and {@code head}: its first five bytes as
	 * characters, for binary files).
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> fetch(WebDriver driver, String href) {
		return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0]).then(async (r) => {
				  const bytes = new Uint8Array(await r.arrayBuffer());
				  done({ status: r.status, type: r.headers.get('content-type'),
				         text: new TextDecoder().decode(bytes),
				         head: String.fromCharCode(...bytes.slice(0, 5)) });
				}).catch((e) => done({ status: -1, text: String(e) }));
				""", href);
	}

	/**
	 * Closes the browsers after a test, keeping a screenshot of each, and fails the test
	 * if any page broke the Content-Security-Policy (issue 13): an inline script or
	 * style, or anything loaded from elsewhere, would be refused in users' browsers too.
	 */
	public static void close(Iterable<WebDriver> drivers, String name) {
		List<String> violations = new ArrayList<>();
		for (WebDriver driver : drivers) {
			screenshot(driver, name);
			try {
				violations.addAll(cspViolations(driver));
			}
			finally {
				driver.quit();
			}
		}
		assertThat(violations).as("Content-Security-Policy violations").isEmpty();
	}

	/**
	 * The Content-Security-Policy violations the browser reported since this was last
	 * asked (reading the console empties it).
	 */
	public static List<String> cspViolations(WebDriver driver) {
		List<String> violations = new ArrayList<>();
		for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
			String message = entry.getMessage();
			if (message.contains("Content Security Policy") || message.contains("Content-Security-Policy")) {
				violations.add(message);
			}
		}
		return violations;
	}

	/** Deque's axe-core engine, read once from its jar. */
	private static volatile String axeScript;

	/**
	 * The WCAG 2.1 A and AA violations axe-core finds on the page as it stands, each as
	 * "rule: first offending element"; empty when there are none.
	 */
	public static List<String> accessibilityViolations(WebDriver driver) {
		if (axeScript == null) {
			try (java.io.InputStream in = Browsers.class.getClassLoader().getResourceAsStream("axe.min.js")) {
				axeScript = new String(
						java.util.Objects.requireNonNull(in, "axe.min.js on the test classpath").readAllBytes(),
						java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
		js.executeScript(axeScript);
		Object found = js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
				  .then(r => done(r.violations.map(v => v.id + ': ' + (v.nodes[0] ? v.nodes[0].target.join(' ') : ''))))
				  .catch(e => done(['axe failed: ' + e]));
				""");
		List<String> violations = new java.util.ArrayList<>();
		if (found instanceof List<?> list) {
			list.forEach((v) -> violations.add(String.valueOf(v)));
		}
		return violations;
	}

	/**
	 * Presses Tab until the focused element is the one wanted, as a keyboard user would,
	 * and requires the focus to be visible there; fails when it cannot be reached.
	 */
	public static org.openqa.selenium.WebElement tabTo(WebDriver driver, String description,
			java.util.function.Predicate<org.openqa.selenium.WebElement> wanted) {
		for (int presses = 0; presses < 80; presses++) {
			new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
			org.openqa.selenium.WebElement focused = driver.switchTo().activeElement();
			if (wanted.test(focused)) {
				Object visible = ((JavascriptExecutor) driver)
					.executeScript("return document.activeElement.matches(':focus-visible');");
				if (!Boolean.TRUE.equals(visible)) {
					throw new AssertionError(description + " has focus, but the focus is not visible");
				}
				return focused;
			}
		}
		throw new AssertionError(description + " cannot be reached with the Tab key");
	}

	/** Sets the window to a phone's or a laptop's width. */
	public static void atWidth(WebDriver driver, int width) {
		driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 800));
	}

	/**
	 * The page as it stands fits its window (nothing to scroll sideways) and has no
	 * violation axe-core finds; a screenshot of it is kept under the name either way.
	 */
	public static void fits(WebDriver driver, String name) {
		Object overflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		screenshot(driver, name);
		assertThat(((Number) overflow).longValue()).as(name + " scrolls sideways").isLessThanOrEqualTo(0);
		assertThat(accessibilityViolations(driver)).as(name + ": axe-core").isEmpty();
	}

	/** Keeps a screenshot under target/browser-screenshots, for failures and evidence. */
	public static Optional<Path> screenshot(WebDriver driver, String name) {
		try {
			Path directory = Files.createDirectories(Path.of("target", "browser-screenshots"));
			Path file = directory.resolve(name.replaceAll("[^A-Za-z0-9_-]", "_") + ".png");
			Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
			return Optional.of(file);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static String tempDir() {
		try {
			return Files.createTempDirectory("malipo-chromium").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
