package ke.malipo.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Server time per request, measured around the whole filter chain (security included), by
 * path prefix: what the app spent, without the load generator's queueing. The simulator's
 * own paths are timed too, so Daraja's share can be told apart from ours.
 */
final class ServerTimes extends OncePerRequestFilter {

	private final Map<String, Queue<Long>> nanos = new ConcurrentHashMap<>();

	private final String[] prefixes;

	ServerTimes(String... prefixes) {
		this.prefixes = prefixes;
	}

	void reset() {
		this.nanos.clear();
	}

	Load.Latencies of(String prefix) {
		long[] values = this.nanos.getOrDefault(prefix, new ConcurrentLinkedQueue<>())
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
		return Load.Latencies.of(values.length == 0 ? new long[] { 0 } : values, 0, Duration.ofSeconds(1));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			for (String prefix : this.prefixes) {
				if (request.getRequestURI().startsWith(prefix)) {
					this.nanos.computeIfAbsent(prefix, (key) -> new ConcurrentLinkedQueue<>())
						.add(System.nanoTime() - start);
				}
			}
		}
	}

	/** Registers the filter first in the chain. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		ServerTimes serverTimes() {
			return new ServerTimes("/api/mpesa/initiate", "/simulator/daraja/mpesa/stkpush", "/simulator/daraja/oauth",
					"/api/payments/stk-callback", "/api/mpesa/status");
		}

		@Bean
		FilterRegistrationBean<ServerTimes> serverTimesRegistration(ServerTimes times) {
			FilterRegistrationBean<ServerTimes> registration = new FilterRegistrationBean<>(times);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
