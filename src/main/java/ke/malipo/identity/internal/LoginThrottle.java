package ke.malipo.identity.internal;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import ke.malipo.common.ratelimit.RateLimits;
import ke.malipo.identity.UserId;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing on every way of signing in, without handing strangers a way to
 * lock people out. Failures are counted in PostgreSQL, so several nodes share them:
 * <ul>
 * <li>per account and address: after a few failures each further try waits, twice as long
 * each time, up to the window; the owner at another address is not affected;</li>
 * <li>per address: past its limit an address is refused until the window has passed,
 * which stops one place from spraying many accounts.</li>
 * </ul>
 * The account is the one the sign-in actually finds ({@link #accountKey}), so other
 * spellings of the same email share its count.
 */
@Component
class LoginThrottle {

	private final RateLimits limits;

	private final IdentitySettings.LoginThrottle settings;

	private final Clock clock;

	LoginThrottle(RateLimits limits, IdentitySettings settings, Clock clock) {
		this.limits = limits;
		this.settings = settings.loginThrottle();
		this.clock = clock;
	}

	/**
	 * How long sign-in stays refused for this account from this address; empty when
	 * allowed.
	 */
	Optional<Duration> blockedFor(String accountKey, String address) {
		Instant now = this.clock.instant();
		Duration byPair = Duration.ZERO;
		RateLimits.Window pair = this.limits.window(pairBucket(accountKey, address), this.settings.window());
		int beyond = pair.count() - this.settings.freeFailures();
		if (beyond >= 0 && pair.newest() != null) {
			byPair = Duration.between(now, pair.newest().plus(delay(beyond)));
		}
		Duration byAddress = Duration.ZERO;
		RateLimits.Window place = this.limits.window(addressBucket(address), this.settings.window());
		if (place.count() >= this.settings.maxFailuresPerAddress() && place.oldest() != null) {
			byAddress = Duration.between(now, place.oldest().plus(this.settings.window()));
		}
		Duration longest = (byPair.compareTo(byAddress) >= 0) ? byPair : byAddress;
		return longest.isPositive() ? Optional.of(longest) : Optional.empty();
	}

	void recordFailure(String accountKey, String address) {
		this.limits.record(pairBucket(accountKey, address));
		this.limits.record(addressBucket(address));
	}

	/** The right password from this address: its failures are forgiven. */
	void recordSuccess(String accountKey, String address) {
		this.limits.clear(pairBucket(accountKey, address));
	}

	/**
	 * The first wait once the free failures are used, doubling with each further one,
	 * never longer than the window.
	 */
	private Duration delay(int beyondFree) {
		Duration delay = this.settings.firstDelay().multipliedBy(1L << Math.min(beyondFree, 20));
		return (delay.compareTo(this.settings.window()) > 0) ? this.settings.window() : delay;
	}

	/**
	 * What failures are counted against: the account's id when the email names one,
	 * otherwise the email normalised as the database compares it (NFKC, lower case), so
	 * {@code jİm@example.com} and {@code jim@example.com} are one key.
	 */
	static String accountKey(Optional<UserId> account, String email) {
		return account.map((id) -> "id:" + id.value())
			.orElseGet(() -> "email:"
					+ Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
	}

	private static String pairBucket(String accountKey, String address) {
		return "login:" + bounded(accountKey) + "|" + bounded(address);
	}

	private static String addressBucket(String address) {
		return "login-address:" + bounded(address);
	}

	/** Whatever a stranger typed, a bucket stays short: long keys are hashed. */
	static String bounded(String key) {
		if (key.length() <= 120) {
			return key;
		}
		return "sha256:" + ke.malipo.common.secrets.Digests.sha256Hex(key);
	}

}
