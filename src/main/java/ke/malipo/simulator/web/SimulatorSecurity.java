package ke.malipo.simulator.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The simulator plays Safaricom, whose API answers anyone with the right consumer key:
 * its Daraja paths check their own credentials and take no CSRF token. The virtual phone
 * page keeps CSRF protection for its forms.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("malipo.simulator.enabled")
class SimulatorSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain simulatorFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/simulator/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/simulator/daraja/**", "/simulator/africastalking/**",
					"/simulator/webhook-inbox/**"));
		return http.build();
	}

}
