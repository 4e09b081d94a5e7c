package ke.malipo.daraja.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether this node can reach M-Pesa: an access token can be had and calls are not held
 * back by the circuit breaker. When not, the status is DEGRADED (answered with 200): the
 * node still serves pages, queues initiations and stores callbacks, so taking it out of
 * the load balancer would only make things worse. It is not part of readiness or
 * liveness. The answer is kept for a minute, so health checks never hammer a Daraja that
 * is already struggling.
 */
class MpesaHealth implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "M-Pesa cannot be reached from this node");

	private static final Duration KEPT_FOR = Duration.ofMinutes(1);

	private final DarajaTransport transport;

	private final Clock clock;

	private @Nullable Health last;

	private Instant lastAt = Instant.MIN;

	MpesaHealth(DarajaTransport transport, Clock clock) {
		this.transport = transport;
		this.clock = clock;
	}

	@Override
	public synchronized Health health() {
		Instant now = this.clock.instant();
		Health kept = this.last;
		if (kept != null && now.isBefore(this.lastAt.plus(KEPT_FOR))) {
			return kept;
		}
		Health fresh = check();
		this.last = fresh;
		this.lastAt = now;
		return fresh;
	}

	private Health check() {
		CircuitBreaker.State circuit = this.transport.breaker().getState();
		if (circuit == CircuitBreaker.State.OPEN || circuit == CircuitBreaker.State.FORCED_OPEN) {
			return Health.status(DEGRADED).withDetail("circuit", circuit.name()).build();
		}
		try {
			this.transport.token();
			return Health.up().withDetail("circuit", circuit.name()).withDetail("token", "obtainable").build();
		}
		catch (RuntimeException ex) {
			// The reason, without anything the answer may carry (a token, a key).
			return Health.status(DEGRADED)
				.withDetail("circuit", circuit.name())
				.withDetail("token", "not obtainable: " + ex.getClass().getSimpleName())
				.build();
		}
	}

}
