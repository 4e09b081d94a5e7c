package ke.malipo.identity.internal;

import java.time.Clock;
import java.util.List;

import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors, one user store. {@code /api/**} is stateless: signed JWT bearer tokens, no
 * cookies and therefore no CSRF. Pages use form login with a session cookie and CSRF
 * protection. Both answer failures with problem details or the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Paths anyone may call on the API; everything else needs a token. */
	private static final String[] PUBLIC_API_POSTS = { "/api/auth/register", "/api/auth/login",
			"/api/auth/password-reset", "/api/auth/password-reset/confirm" };

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, ProblemResponses problems) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, PUBLIC_API_POSTS)
				.permitAll()
				// Modules open their own doors (payments: M-Pesa's callbacks) in chains
				// of their own, ahead of this one.
				.requestMatchers("/api/admin/**", "/api/reconciliation/**")
				.hasRole(Role.ADMIN.name())
				.anyRequest()
				.authenticated())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.authenticationManager(bearerTokens(decoder)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, AuthenticationManager signIn, ErasedAccounts erased)
			throws Exception {
		// The page form signs in through the same throttled provider as the API; Spring's
		// default would build an unthrottled one from the UserDetailsService.
		http.authenticationManager(signIn)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/login", "/register", "/forgot-password", "/reset-password", "/language", "/css/**",
						"/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error")
				.permitAll()
				.requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.requestMatchers("/actuator/health/**", "/actuator/info")
				.permitAll()
				.requestMatchers("/actuator/**", "/admin/**")
				.hasRole(Role.ADMIN.name())
				// A psychologist's own profile and hours pages.
				.requestMatchers("/profile", "/profile/**", "/availability")
				.hasRole(Role.PSYCHOLOGIST.name())
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/", false)
				.failureHandler(SecurityConfiguration::signInFailed)
				.permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?signedOut"))
			.addFilterAfter(new ErasedAccountFilter(erased),
					org.springframework.security.web.context.SecurityContextHolderFilter.class)
			.headers(SecurityConfiguration::pageHeaders);
		return http.build();
	}

	/**
	 * Checks a bearer token. Its own manager, because the one Spring would build
	 * publishes an {@code AuthenticationSuccessEvent} for every API request through the
	 * event multicaster, which nobody here listens to (BENCHMARKS.md, "F2 after these
	 * changes"); a manager built without a publisher publishes nothing, like the sign-in
	 * manager below.
	 */
	private static AuthenticationManager bearerTokens(JwtDecoder decoder) {
		JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(decoder);
		tokens.setJwtAuthenticationConverter(SecurityConfiguration::toAuthentication);
		return new ProviderManager(tokens);
	}

	/**
	 * What browsers are told about our pages: scripts, styles and everything else only
	 * from here (no inline script, no eval), never framed, forms posted only here, and
	 * other sites given no more than our origin as the referrer.
	 */
	static void pageHeaders(
			org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(
					org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.frameOptions((frames) -> frames.deny());
	}

	/** The pages' Content-Security-Policy. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * No observation around each security filter: those wrappers took about a tenth of
	 * the CPU of every request (BENCHMARKS.md, F1) and fed no metric, trace or alert of
	 * ours. Requests are still timed as a whole by Spring MVC's observation.
	 */
	@Bean
	org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
		return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// Delegating: today bcrypt, and hashes stay verifiable when the default moves on.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(UserRepository users) {
		return (email) -> users.findByEmail(email)
			.map(MalipoUserDetails::new)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
	}

	@Bean
	AuthenticationManager authenticationManager(UserDetailsService userDetails, PasswordEncoder encoder,
			LoginThrottle throttle, UserRepository users) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetails);
		passwords.setPasswordEncoder(encoder);
		return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, users));
	}

	/**
	 * A refused page sign-in: back to the form, saying how long to wait when the throttle
	 * refused it.
	 */
	private static void signInFailed(jakarta.servlet.http.HttpServletRequest request,
			jakarta.servlet.http.HttpServletResponse response,
			org.springframework.security.core.AuthenticationException failure) throws java.io.IOException {
		String target = (failure instanceof LoginThrottledException throttled)
				? "/login?throttled=" + Math.max(1, (throttled.retryAfter().toSeconds() + 59) / 60) : "/login?error";
		response.sendRedirect(request.getContextPath() + target);
	}

	@Bean
	JwtDecoder jwtDecoder(JwtKeys keys, Clock clock, ErasedAccounts erased) {
		// The algorithm is fixed here, never taken from the token: "alg: none" or RS/HS
		// swaps fail.
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(keys.signingKey())
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(clock);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				List.of(timestamps, new JwtIssuerValidator(TokenIssuer.ISSUER), notErased(erased))));
		return decoder;
	}

	/** A token issued before its account was erased no longer opens anything. */
	private static org.springframework.security.oauth2.core.OAuth2TokenValidator<Jwt> notErased(ErasedAccounts erased) {
		return (jwt) -> {
			boolean gone;
			try {
				gone = erased.contains(UserId.of(jwt.getSubject()));
			}
			catch (RuntimeException ex) {
				gone = false;
			}
			return gone
					? org.springframework.security.oauth2.core.OAuth2TokenValidatorResult
						.failure(new org.springframework.security.oauth2.core.OAuth2Error("invalid_token",
								"The account was erased", null))
					: org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success();
		};
	}

	private static CurrentUserAuthentication toAuthentication(Jwt jwt) {
		try {
			CurrentUser user = new CurrentUser(UserId.of(jwt.getSubject()), jwt.getClaimAsString("email"),
					jwt.getClaimAsString("name"), Role.valueOf(jwt.getClaimAsString("role")));
			return new CurrentUserAuthentication(user);
		}
		catch (RuntimeException ex) {
			throw new InvalidBearerTokenException("The token does not describe a user");
		}
	}

}
