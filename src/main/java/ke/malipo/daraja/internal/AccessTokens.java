package ke.malipo.daraja.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

/**
 * OAuth tokens, one per credential set, renewed a margin before they expire. Fetching is
 * single-flight: however many threads need a token at once, one request goes to Daraja
 * and the rest wait for its answer (a lock, not {@code synchronized}, so virtual threads
 * are not pinned while waiting on the network).
 */
class AccessTokens {

	private final Map<String, Slot> slots = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration margin;

	AccessTokens(Clock clock, Duration margin) {
		this.clock = clock;
		this.margin = margin;
	}

	String get(String credentials, Supplier<Token> fetch) {
		Slot slot = this.slots.computeIfAbsent(credentials, (key) -> new Slot());
		Token current = slot.token;
		if (isFresh(current)) {
			return current.value();
		}
		slot.lock.lock();
		try {
			Token token = slot.token;
			if (!isFresh(token)) {
				token = fetch.get();
				slot.token = token;
			}
			return token.value();
		}
		finally {
			slot.lock.unlock();
		}
	}

	/** Forgets a token Daraja refused, unless a newer one has already replaced it. */
	void invalidate(String credentials, String refused) {
		Slot slot = this.slots.get(credentials);
		if (slot != null) {
			slot.lock.lock();
			try {
				if (slot.token != null && slot.token.value().equals(refused)) {
					slot.token = null;
				}
			}
			finally {
				slot.lock.unlock();
			}
		}
	}

	@Contract("null -> false")
	private boolean isFresh(@Nullable Token token) {
		return token != null && this.clock.instant().isBefore(token.expiresAt().minus(this.margin));
	}

	record Token(String value, Instant expiresAt) {
	}

	private static final class Slot {

		private final ReentrantLock lock = new ReentrantLock();

		private volatile @Nullable Token token;

	}

}
