package ke.malipo.identity.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import ke.malipo.common.ratelimit.RateLimits;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's arithmetic over the shared PostgreSQL counters, with small limits: waits
 * that double per account and address, a per-address limit against spraying, and two
 * nodes that count as one.
 */
@MalipoIntegrationTest
class LoginThrottleTests {

	@Autowired
	RateLimits limits;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	private LoginThrottle throttle() {
		return new LoginThrottle(this.limits,
				new IdentitySettings(null, Path.of("unused"), Duration.ofHours(1), false,
						new IdentitySettings.BootstrapAdmin(null, null, "Admin"),
						new IdentitySettings.LoginThrottle(3, Duration.ofSeconds(10), 5, Duration.ofMinutes(10)),
						new IdentitySettings.RegistrationThrottle(10, Duration.ofHours(1)),
						new IdentitySettings.ResetThrottle(5, 3, Duration.ofHours(1))),
				this.clock);
	}

	private static String fresh(String prefix) {
		return prefix + UUID.randomUUID();
	}

	@Test
	void waitsDoubleAfterTheFreeFailuresAndOnlyForThatAddress() {
		LoginThrottle throttle = throttle();
		String account = fresh("id:");
		String here = fresh("10.1.");
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.blockedFor(account, here)).isEmpty();
			throttle.recordFailure(account, here);
		}
		assertThat(throttle.blockedFor(account, here))
			.hasValueSatisfying((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10)));
		assertThat(throttle.blockedFor(account, fresh("10.2."))).as("the owner elsewhere").isEmpty();
		this.clock.advance(Duration.ofSeconds(11));
		throttle.recordFailure(account, here);
		assertThat(throttle.blockedFor(account, here))
			.hasValueSatisfying((wait) -> assertThat(wait).isGreaterThan(Duration.ofSeconds(10))
				.isLessThanOrEqualTo(Duration.ofSeconds(20)));
		throttle.recordSuccess(account, here);
		assertThat(throttle.blockedFor(account, here)).isEmpty();
	}

	@Test
	void oneAddressSprayingManyAccountsIsRefusedUntilTheWindowPasses() {
		LoginThrottle throttle = throttle();
		String sprayer = fresh("10.3.");
		for (int i = 0; i < 5; i++) {
			throttle.recordFailure(fresh("email:user"), sprayer);
		}
		assertThat(throttle.blockedFor(fresh("id:"), sprayer)).isPresent();
		assertThat(throttle.blockedFor(fresh("id:"), fresh("10.4."))).isEmpty();
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		assertThat(throttle.blockedFor(fresh("id:"), sprayer)).isEmpty();
	}

	/** Counts live in the database: a second node sees the first node's failures. */
	@Test
	void twoNodesShareOneCount() {
		LoginThrottle one = throttle();
		LoginThrottle two = throttle();
		String account = fresh("id:");
		String address = fresh("10.5.");
		one.recordFailure(account, address);
		two.recordFailure(account, address);
		one.recordFailure(account, address);
		assertThat(two.blockedFor(account, address)).isPresent();
	}

	@Test
	void accountKeysFollowTheAccountFoundOrTheNormalisedEmail() {
		UUID id = UUID.randomUUID();
		assertThat(LoginThrottle.accountKey(java.util.Optional.of(new ke.malipo.identity.UserId(id)), "JIM@x.ke"))
			.isEqualTo("id:" + id);
		assertThat(LoginThrottle.accountKey(java.util.Optional.empty(), " Jim@Example.COM "))
			.isEqualTo(LoginThrottle.accountKey(java.util.Optional.empty(), "jim@example.com"));
		assertThat(LoginThrottle.accountKey(java.util.Optional.empty(), "ｊｉｍ@example.com"))
			.as("full-width letters fold under NFKC")
			.isEqualTo(LoginThrottle.accountKey(java.util.Optional.empty(), "jim@example.com"));
	}

}
