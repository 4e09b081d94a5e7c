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
 */
@ConfigurationProperties("malipo.events")
public record EventSettings(@DefaultValue("30s") Duration resubmitInterval,
		@DefaultValue("1m") Duration resubmitAfter) {
}
