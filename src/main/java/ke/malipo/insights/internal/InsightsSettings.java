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
public record InsightsSettings(@DefaultValue("false") boolean demoHistory, @DefaultValue("4") int forecastWeeks) {

	public InsightsSettings {
		if (forecastWeeks < 1 || forecastWeeks > 12) {
			throw new IllegalArgumentException("malipo.insights.forecast-weeks must be between 1 and 12");
		}
	}

}
