package ke.malipo.insights.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Insights' settings ({@code malipo.insights.*}).
 *
 * @param demoHistory seed sixteen weeks of synthetic payments for the demo psychologists,
 * so a local run's charts and forecast have history to show (refused on anything that
 * looks like a real deployment)
 * @param forecastWeeks how many weeks ahead the forecast looks (1 to 12)
 */
@ConfigurationProperties("malipo.insights")
public record InsightsSettings(@DefaultValue("false") boolean demoHistory, @DefaultValue("4") int forecastWeeks,
		@DefaultValue Fraud fraud) {

	public InsightsSettings {
		if (forecastWeeks < 1 || forecastWeeks > 12) {
			throw new IllegalArgumentException("malipo.insights.forecast-weeks must be between 1 and 12");
		}
	}

	/**
	 * The fraud rules' limits and the line a payment's score must reach to be flagged.
	 *
	 * @param clientsPerPhone a phone used for this many clients within 30 days
	 * @param attemptsPerPhoneHour this many attempts from one phone within an hour
	 * @param failuresPerClientDay a client who failed this many times within a day
	 * @param amountFactor an amount this many times above (or below) the psychologist's
	 * median over 90 days
	 * @param quietFrom the small hours start (hour of day, East Africa Time)
	 * @param quietUntil and end
	 * @param flagAt the score that flags a payment (rules' weights and the model's 1)
	 * @param retrainEvery how often the anomaly model learns again from history
	 * @param trainingDays how far back it learns from
	 */
	public record Fraud(@DefaultValue("3") int clientsPerPhone, @DefaultValue("5") int attemptsPerPhoneHour,
			@DefaultValue("3") int failuresPerClientDay, @DefaultValue("3") double amountFactor,
			@DefaultValue("0") int quietFrom, @DefaultValue("5") int quietUntil, @DefaultValue("2") int flagAt,
			@DefaultValue("24h") java.time.Duration retrainEvery, @DefaultValue("90") int trainingDays) {

		public Fraud {
			if (clientsPerPhone < 2 || attemptsPerPhoneHour < 2 || failuresPerClientDay < 1 || amountFactor <= 1
					|| flagAt < 1) {
				throw new IllegalArgumentException(
						"malipo.insights.fraud: clients-per-phone and attempts-per-phone-hour"
								+ " must be at least 2, failures-per-client-day and flag-at at least 1, amount-factor above 1");
			}
			if (quietFrom < 0 || quietUntil > 24 || quietFrom > quietUntil) {
				throw new IllegalArgumentException(
						"malipo.insights.fraud: quiet-from and quiet-until are hours 0-24, in order");
			}
			if (retrainEvery.compareTo(java.time.Duration.ofMinutes(1)) < 0 || trainingDays < 7 || trainingDays > 366) {
				throw new IllegalArgumentException(
						"malipo.insights.fraud: retrain-every at least a minute, training-days between 7 and 366");
			}
		}

	}

}
