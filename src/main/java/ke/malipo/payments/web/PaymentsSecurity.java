package ke.malipo.payments.web;

import ke.malipo.payments.internal.PaymentSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * M-Pesa's doors into payments: it can send no credentials, so the STK callback
 * authenticates itself by the per-payment token in its path (at the configured callback
 * path, and the older {@code /api/mpesa/callback}), and Pull notices are read and
 * dropped. Payments owns these rules, so changing the callback path moves them too.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain mpesaCallbacks(HttpSecurity http, PaymentSettings settings) throws Exception {
		http.securityMatcher(settings.callbackPath() + "/**", "/api/mpesa/callback/**",
				PaymentSettings.PULL_NOTICE_PATH)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			// Nothing here signs in or out, or is sent back to after signing in: the
			// filters for those would only cost every callback time.
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
