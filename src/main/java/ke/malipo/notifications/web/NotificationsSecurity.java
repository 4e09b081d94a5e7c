package ke.malipo.notifications.web;

import ke.malipo.notifications.internal.SmsSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Africa's Talking's door into notifications: it sends no credentials, so a delivery
 * report authenticates itself by the secret at the end of its address.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain smsDeliveryReports(HttpSecurity http) throws Exception {
		http.securityMatcher(SmsSettings.REPORT_PATH + "/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
