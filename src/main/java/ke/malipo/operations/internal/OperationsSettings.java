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
 * @param watch the in-app alerts' thresholds, the same as ops/prometheus/alerts.yml's
 */
@ConfigurationProperties("malipo.operations")
@Validated
public record OperationsSettings(@Nullable String scrapeToken, @DefaultValue("15s") Duration figuresFor,
		@DefaultValue Watch watch) {

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

	/**
	 * When admins are alerted in the app (and by email): the specification's success
	 * criteria and what an on-call engineer would want to know.
	 *
	 * @param every how often the figures are looked at
	 * @param window the period judged (payments started in it that have ended)
	 * @param minimumPayments fewer ended payments than this say nothing about rates
	 * @param completionAbove completion (paid out of ended) below this alerts
	 * @param errorRateBelow failures not the customer's doing above this alerts
	 * @param processingUnder an average time from initiation to outcome above this alerts
	 * @param unresolvedAfter a payment whose outcome stays open longer alerts
	 */
	public record Watch(@DefaultValue("5m") Duration every, @DefaultValue("1h") Duration window,
			@DefaultValue("20") int minimumPayments, @DefaultValue("0.95") double completionAbove,
			@DefaultValue("0.02") double errorRateBelow, @DefaultValue("60s") Duration processingUnder,
			@DefaultValue("1h") Duration unresolvedAfter) {

		public Watch {
			if (every.compareTo(Duration.ofSeconds(10)) < 0 || window.compareTo(Duration.ofMinutes(5)) < 0) {
				throw new IllegalArgumentException(
						"malipo.operations.watch: every must be at least 10 s and window at least 5 minutes");
			}
			if (minimumPayments < 1 || completionAbove <= 0 || completionAbove > 1 || errorRateBelow < 0
					|| errorRateBelow >= 1) {
				throw new IllegalArgumentException("malipo.operations.watch: minimum-payments must be positive and "
						+ "completion-above and error-rate-below fractions between 0 and 1");
			}
		}

	}

}
