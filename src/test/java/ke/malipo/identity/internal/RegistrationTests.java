package ke.malipo.identity.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.ratelimit.RateLimits;
import ke.malipo.identity.Role;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registration's defences (issue 13): password rules, a per-address throttle that only
 * counts accounts actually made, and no bcrypt work for an email that is taken.
 */
@MalipoIntegrationTest
class RegistrationTests {

	@Autowired
	UserRepository users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	PasswordRules rules;

	@Autowired
	RateLimits limits;

	@Autowired
	MutableClock clock;

	private final AtomicInteger encodings = new AtomicInteger();

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	private Registration registration(int perAddress) {
		PasswordEncoder counting = new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				RegistrationTests.this.encodings.incrementAndGet();
				return RegistrationTests.this.encoder.encode(raw);
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return RegistrationTests.this.encoder.matches(raw, encoded);
			}
		};
		IdentitySettings settings = new IdentitySettings(null, Path.of("unused"), Duration.ofHours(1), false,
				new IdentitySettings.BootstrapAdmin(null, null, "Admin"),
				new IdentitySettings.LoginThrottle(5, Duration.ofSeconds(30), 20, Duration.ofMinutes(15)),
				new IdentitySettings.RegistrationThrottle(perAddress, Duration.ofHours(1)),
				new IdentitySettings.ResetThrottle(5, 3, Duration.ofHours(1)));
		return new Registration(this.users, counting, this.rules, this.limits, settings, this.clock);
	}

	private static Registration.NewAccount account(String email, String password) {
		return new Registration.NewAccount("Wanjiru Kamau", email, password, Msisdn.parse("0712345678"), Role.CLIENT,
				null);
	}

	private static String email() {
		return "reg-" + UUID.randomUUID() + "@example.ke";
	}

	private static String refusal(Runnable registering) {
		try {
			registering.run();
		}
		catch (InvalidInputException ex) {
			assertThat(ex.errors()).hasSize(1);
			assertThat(ex.errors().get(0).field()).isEqualTo("password");
			return ex.errors().get(0).message();
		}
		throw new AssertionError("the password was accepted");
	}

	@Test
	void shortCommonAndPersonalPasswordsAreRefusedSayingWhy() {
		Registration registration = registration(100);
		assertThat(refusal(() -> registration.register(account(email(), "Short#1x"), "10.9.0.1")))
			.contains("at least 10 characters");
		assertThat(refusal(() -> registration.register(account(email(), "password123"), "10.9.0.1")))
			.contains("too easy to guess");
		assertThat(refusal(() -> registration.register(account(email(), "qwertyuiop"), "10.9.0.1")))
			.contains("too easy to guess");
		assertThat(refusal(() -> registration.register(account(email(), "wanjirukamau1"), "10.9.0.1")))
			.as("the person's own name")
			.contains("too easy to guess");
		assertThat(this.encodings).as("no refused password was hashed").hasValue(0);
		assertThat(registration.register(account(email(), "maize-lantern-river"), "10.9.0.1").id()).isNotNull();
	}

	@Test
	void aTakenEmailCostsNoBcryptWork() {
		Registration registration = registration(100);
		String email = email();
		registration.register(account(email, "maize-lantern-river"), "10.9.0.2");
		assertThat(this.encodings).hasValue(1);
		assertThatThrownBy(() -> registration.register(account(email, "another-quiet-harbour"), "10.9.0.2"))
			.isInstanceOf(AccountFailures.EmailTaken.class);
		assertThat(this.encodings).as("the second attempt was refused before hashing").hasValue(1);
	}

	@Test
	void oneAddressMakesOnlySoManyAccountsAnHour() {
		Registration registration = registration(2);
		String address = "10.9." + UUID.randomUUID();
		registration.register(account(email(), "maize-lantern-river"), address);
		registration.register(account(email(), "maize-lantern-river"), address);
		assertThatThrownBy(() -> registration.register(account(email(), "maize-lantern-river"), address))
			.isInstanceOf(AccountFailures.TooManyRegistrations.class)
			.hasMessageContaining("Try again in");
		assertThat(registration.register(account(email(), "maize-lantern-river"), "10.8." + UUID.randomUUID()).id())
			.as("another address")
			.isNotNull();
		this.clock.advance(Duration.ofMinutes(61));
		assertThat(registration.register(account(email(), "maize-lantern-river"), address).id()).isNotNull();
	}

}
