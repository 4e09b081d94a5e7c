package ke.malipo.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in a sliding window. Past
 * either limit, sign-in is refused (even with the right password) until the oldest
 * failure leaves the window, which stops password guessing against one account and
 * spraying from one place.
 * <p>
 * Counts live in this node's memory: with several nodes an attacker gets the limit once
 * per node, which still bounds guessing to a handful of tries per window.
 */
@Component
class LoginThrottle {

	private static final int CLEANUP_THRESHOLD = 10_000;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final IdentitySettings.LoginThrottle limits;

	private final Clock clock;

	LoginThrottle(IdentitySettings settings, Clock clock) {
		this.limits = settings.loginThrottle();
		this.clock = clock;
	}

	/**
	 * How long sign-in stays refused for this account or address; empty when it is
	 * allowed.
	 */
	Optional<Duration> blockedFor(String account, String address) {
		Instant now = this.clock.instant();
		Optional<Duration> byAccount = blocked(accountKey(account), this.limits.maxFailuresPerAccount(), now);
		Optional<Duration> byAddress = blocked(addressKey(address), this.limits.maxFailuresPerAddress(), now);
		if (byAccount.isPresent() && byAddress.isPresent()) {
			return Optional.of(max(byAccount.get(), byAddress.get()));
		}
		return byAccount.or(() -> byAddress);
	}

	void recordFailure(String account, String address) {
		Instant now = this.clock.instant();
		record(accountKey(account), now);
		record(addressKey(address), now);
		if (this.failures.size() > CLEANUP_THRESHOLD) {
			this.failures.entrySet().removeIf((entry) -> prune(entry.getValue(), now));
		}
	}

	void recordSuccess(String account) {
		this.failures.remove(accountKey(account));
	}

	private Optional<Duration> blocked(String key, int limit, Instant now) {
		Deque<Instant> times = this.failures.get(key);
		if (times == null) {
			return Optional.empty();
		}
		synchronized (times) {
			prune(times, now);
			if (times.size() < limit) {
				return Optional.empty();
			}
			Instant oldest = times.peekFirst();
			return Optional.of(Duration.between(now, oldest.plus(this.limits.window())));
		}
	}

	private void record(String key, Instant now) {
		Deque<Instant> times = this.failures.computeIfAbsent(key, (k) -> new ArrayDeque<>());
		synchronized (times) {
			prune(times, now);
			times.addLast(now);
		}
	}

	/** Drops failures older than the window; true when none are left. */
	private boolean prune(Deque<Instant> times, Instant now) {
		synchronized (times) {
			Instant cutoff = now.minus(this.limits.window());
			while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
				times.removeFirst();
			}
			return times.isEmpty();
		}
	}

	private static String accountKey(String account) {
		return "account:" + account.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
