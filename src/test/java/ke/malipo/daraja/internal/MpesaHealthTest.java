package ke.malipo.daraja.internal;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ke.malipo.daraja.DarajaSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * M-Pesa's health (issue 15): a Daraja that cannot be reached, or a circuit held open,
 * makes the node DEGRADED, never DOWN; the answer is kept for a minute so health checks
 * never hammer a struggling Daraja.
 */
class MpesaHealthTest {

	@Test
	void anUnreachableDarajaOrAnOpenCircuitIsDegradedNotDown() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		DarajaSettings settings = TestClients.settings("http://127.0.0.1:" + closed, Duration.ofSeconds(1));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		DarajaTransport transport = new DarajaTransport(settings, new DarajaEndpoints(settings, new MockEnvironment()),
				Clock.systemUTC(), meters);
		ke.malipo.support.MutableClock clock = new ke.malipo.support.MutableClock();
		MpesaHealth health = new MpesaHealth(transport, clock);

		Health first = health.health();
		assertThat(first.getStatus()).isEqualTo(new Status("DEGRADED"));
		assertThat(first.getDetails()).containsEntry("circuit", "CLOSED")
			.hasEntrySatisfying("token", (why) -> assertThat(String.valueOf(why)).startsWith("not obtainable"));
		assertThat(meters.get("malipo.daraja.calls")
			.tag("endpoint", "oauth")
			.tag("outcome", "unreachable")
			.timer()
			.count()).isEqualTo(1);

		transport.breaker().transitionToForcedOpenState();
		assertThat(health.health()).as("kept for a minute").isSameAs(first);
		clock.advance(Duration.ofMinutes(1));
		Health open = health.health();
		assertThat(open.getStatus()).isEqualTo(new Status("DEGRADED"));
		assertThat(open.getDetails()).containsEntry("circuit", CircuitBreaker.State.FORCED_OPEN.name());
		assertThat(meters.get("malipo.daraja.calls").timer().count()).as("an open circuit is not called").isEqualTo(1);
	}

}
