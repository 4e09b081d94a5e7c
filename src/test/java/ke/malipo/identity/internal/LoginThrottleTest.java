package ke.malipo.identity.internal;

import java.nio.file.Path;
import java.time.Duration;

import ke.malipo.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(new IdentitySettings(null, Path.of("unused"),
			Duration.ofHours(1), false, new IdentitySettings.BootstrapAdmin(null, null, "Admin"),
			new IdentitySettings.LoginThrottle(3, 5, Duration.ofMinutes(10))), this.clock);

	@Test
	void accountIsBlockedAfterItsLimitAndFreedWhenTheWindowPasses() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.throttle.blockedFor("a@example.ke", "10.0.0.1")).isEmpty();
			this.throttle.recordFailure("a@example.ke", "10.0.0.1");
		}
		assertThat(this.throttle.blockedFor("A@Example.ke", "10.0.0.2"))
			.hasValueSatisfying((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10)));
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		assertThat(this.throttle.blockedFor("a@example.ke", "10.0.0.1")).isEmpty();
	}

	@Test
	void oneAddressSprayingManyAccountsIsBlocked() {
		for (int i = 0; i < 5; i++) {
			this.throttle.recordFailure("user" + i + "@example.ke", "10.0.0.9");
		}
		assertThat(this.throttle.blockedFor("fresh@example.ke", "10.0.0.9")).isPresent();
		assertThat(this.throttle.blockedFor("fresh@example.ke", "10.0.0.10")).isEmpty();
	}

	@Test
	void successClearsTheAccountsFailures() {
		this.throttle.recordFailure("b@example.ke", "10.0.0.3");
		this.throttle.recordFailure("b@example.ke", "10.0.0.3");
		this.throttle.recordSuccess("b@example.ke");
		this.throttle.recordFailure("b@example.ke", "10.0.0.4");
		this.throttle.recordFailure("b@example.ke", "10.0.0.4");
		assertThat(this.throttle.blockedFor("b@example.ke", "10.0.0.5")).isEmpty();
	}

}
