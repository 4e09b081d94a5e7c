package ke.malipo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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

	/** Keeps a screenshot under target/browser-screenshots, for failures. */
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
