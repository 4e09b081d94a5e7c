package ke.malipo.operations.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.operations.internal.OperationsSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of {@code /actuator/prometheus}: Prometheus with the scrape token
 * ({@code Authorization: Bearer …}, compared in constant time), or an admin signed in to
 * the pages. Anyone else gets 401 and learns nothing: metrics name payments' outcomes and
 * volumes, which are the business's own.
 */
@Configuration(proxyBeanMethods = false)
class ScrapeSecurity {

	static final String SCRAPER = "SCRAPER";

	@Bean
	@Order(0)
	SecurityFilterChain prometheusScrapes(HttpSecurity http, OperationsSettings settings) throws Exception {
		http.securityMatcher("/actuator/prometheus")
			.addFilterAfter(new ScrapeToken(settings.scrapeToken()), SecurityContextHolderFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAnyRole(SCRAPER, "ADMIN"))
			.csrf((csrf) -> csrf.disable())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new HttpStatusEntryPoint(org.springframework.http.HttpStatus.UNAUTHORIZED)));
		return http.build();
	}

	/** Lets in a request that carries the scrape token, and only for this request. */
	static final class ScrapeToken extends OncePerRequestFilter {

		private final byte @Nullable [] token;

		ScrapeToken(@Nullable String token) {
			this.token = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (this.token != null && header != null && header.startsWith("Bearer ") && MessageDigest
				.isEqual(this.token, header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8))) {
				var context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
						List.of(new SimpleGrantedAuthority("ROLE_" + SCRAPER))));
				SecurityContextHolder.setContext(context);
			}
			chain.doFilter(request, response);
		}

	}

}
