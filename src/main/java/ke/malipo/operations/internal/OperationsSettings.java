package ke.malipo.operations.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operations' settings ({@code malipo.operations.*}).
 *
 * @param scrapeToken the bearer token Prometheus scrapes {@code /actuator/prometheus}
 * with (may be given sealed, {@code enc:…}); without one only a signed-in admin reads it
 * @param figuresFor how long the figures read from the database (oldest open payment,
 * queued initiations, open reconciliation problems) are reused between scrapes, so a
 * scrape every few seconds from several Prometheus servers costs the database little
 */
@ConfigurationProperties("malipo.operations")
@Validated
public record OperationsSettings(@Nullable String scrapeToken, @DefaultValue("15s") Duration figuresFor) {

	public OperationsSettings {
		if (scrapeToken != null && scrapeToken.isBlank()) {
			scrapeToken = null;
		}
		if (scrapeToken != null && scrapeToken.length() < 32) {
			throw new IllegalArgumentException(
					"malipo.operations.scrape-token must be at least 32 characters: a guessable token opens the metrics");
		}
		if (figuresFor.isNegative() || figuresFor.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException("malipo.operations.figures-for must be between 0 and 5 minutes");
		}
	}

}
