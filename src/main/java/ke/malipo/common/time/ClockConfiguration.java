package ke.malipo.common.time;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application. Domain code receives it instead of calling
 * {@code now()}, so tests move time instead of sleeping.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		// PostgreSQL keeps microseconds: ticking in micros means what we return is what
		// we stored.
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
	}

}
