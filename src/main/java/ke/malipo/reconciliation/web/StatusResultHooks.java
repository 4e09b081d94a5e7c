package ke.malipo.reconciliation.web;

import java.util.Map;
import java.util.UUID;

import ke.malipo.reconciliation.internal.StatusResults;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where M-Pesa posts Transaction Status answers. It sends no credentials, so each
 * question's URL carries its own secret; an answer without the right one is refused (404,
 * as if there were no such address), and a repeated answer is acknowledged and ignored.
 */
@RestController
class StatusResultHooks {

	private static final Map<String, Object> ACCEPTED = Map.of("ResultCode", 0, "ResultDesc", "Accepted");

	private final StatusResults results;

	StatusResultHooks(StatusResults results) {
		this.results = results;
	}

	@PostMapping("/hooks/reconciliation/status-result/{question}/{secret}")
	ResponseEntity<Map<String, Object>> result(@PathVariable UUID question, @PathVariable String secret,
			@RequestBody(required = false) @Nullable String body) {
		return answer(this.results.result(question, secret, (body != null) ? body : ""));
	}

	@PostMapping("/hooks/reconciliation/status-timeout/{question}/{secret}")
	ResponseEntity<Map<String, Object>> timeout(@PathVariable UUID question, @PathVariable String secret,
			@RequestBody(required = false) @Nullable String body) {
		return answer(this.results.timedOut(question, secret, (body != null) ? body : ""));
	}

	private static ResponseEntity<Map<String, Object>> answer(StatusResults.Receipt receipt) {
		return (receipt == StatusResults.Receipt.UNKNOWN_QUESTION) ? ResponseEntity.status(HttpStatus.NOT_FOUND).build()
				: ResponseEntity.ok(ACCEPTED);
	}

	/** M-Pesa's door: no sign-in, no session, no CSRF token; the secret is the key. */
	@Configuration(proxyBeanMethods = false)
	static class Security {

		@Bean
		@Order(0)
		SecurityFilterChain transactionStatusHooks(HttpSecurity http) throws Exception {
			http.securityMatcher("/hooks/reconciliation/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}

	}

}
