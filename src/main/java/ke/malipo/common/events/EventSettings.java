package ke.malipo.common.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When failed event publications are tried again. Publications stuck while a node died
 * become failed after {@code spring.modulith.events.staleness.*}.
 *
 * @param resubmitInterval how often failed publications are looked for
 * @param resubmitAfter how long a publication stays failed before it is tried again
 * @param keepCompleted how long a completed publication is kept before it is deleted
 * @param retentionInterval how often old completed publications are looked for
 */
@ConfigurationProperties("malipo.events")
public record EventSettings(@DefaultValue("30s") Duration resubmitInterval, @DefaultValue("1m") Duration resubmitAfter,
		@DefaultValue("30d") Duration keepCompleted, @DefaultValue("1h") Duration retentionInterval) {

	public EventSettings {
		for (Duration interval : new Duration[] { resubmitInterval, retentionInterval }) {
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("malipo.events intervals must be positive, got " + interval);
			}
		}
		if (resubmitAfter.isNegative()) {
			throw new IllegalArgumentException("malipo.events.resubmit-after must not be negative");
		}
		if (keepCompleted.compareTo(Duration.ofDays(1)) < 0) {
			// Shorter would delete the record of deliveries still worth looking at after
			// an incident.
			throw new IllegalArgumentException(
					"malipo.events.keep-completed must be at least one day, got " + keepCompleted);
		}
	}

}
