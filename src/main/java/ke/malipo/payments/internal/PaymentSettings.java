package ke.malipo.payments.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the payments module.
 *
 * @param callbackPath the path (under the M-Pesa callback base URL) Daraja posts STK
 * results to; it must avoid the words Safaricom refuses, so it is not
 * {@code /api/mpesa/...}
 * @param directQueryAfter how long without a callback before a status request asks Daraja
 * @param directQueryInterval at least this long between two direct queries of one attempt
 * @param resolverInterval how often the resolver looks for attempts without an outcome
 * @param staleInitiated an attempt still INITIATED after this long lost its push's answer
 * @param completesWithin how long after an attempt starts M-Pesa may still complete it (a
 * prompt lives about a minute); a search of M-Pesa's records for the attempt's money
 * reads this far and no further, so a check a day later does not read a day of everyone's
 * transactions; at least {@code queueFor} plus five minutes, at most a day
 * @param queueFor how long an initiation waits for an unreachable M-Pesa before it fails
 * @param maxQueued how many initiations may wait at once; beyond, clients get 503 at once
 * @param queueInterval how often waiting initiations are tried again
 * @param idempotencyKeysKeptFor how long an {@code Idempotency-Key} and its answer are
 * kept (at least a day, so a client retrying through the night still gets its answer)
 * @param promptLimits how many STK prompts a phone number and a client may get
 * @param callbackSources an optional allow-list of Safaricom's callback addresses (off by
 * default)
 * @param refusedCallbacks how many refused callbacks one address may send before the rest
 * are turned away unread
 * @param feed how the modules that follow payments' change feed read it
 * @param storedCallbacks how stored callbacks are applied after M-Pesa has its answer
 */
@ConfigurationProperties("malipo.payments")
public record PaymentSettings(@DefaultValue("/api/payments/stk-callback") String callbackPath,
		@DefaultValue("30s") Duration directQueryAfter, @DefaultValue("10s") Duration directQueryInterval,
		@DefaultValue("10s") Duration resolverInterval, @DefaultValue("2m") Duration staleInitiated,
		@DefaultValue("30m") Duration completesWithin, @DefaultValue("1m") Duration queueFor,
		@DefaultValue("500") int maxQueued, @DefaultValue("2s") Duration queueInterval,
		@DefaultValue("7d") Duration idempotencyKeysKeptFor, @DefaultValue PromptLimits promptLimits,
		@DefaultValue RefusedCallbacks refusedCallbacks, @DefaultValue CallbackSources callbackSources,
		@DefaultValue Feed feed, @DefaultValue StoredCallbacks storedCallbacks) {

	/**
	 * A callback is answered once it is stored; a worker on each node applies stored
	 * callbacks in batches, each batch in one transaction (DECISIONS.md 25).
	 *
	 * @param batch the most callbacks applied in one transaction
	 * @param batchWait how long the worker, woken by a stored callback, waits before it
	 * takes a batch, so that under load callbacks arriving together share a transaction
	 * (what a payment's confirmation waits for, at most, beyond its own work)
	 * @param pollEvery how often the worker looks for callbacks no store on its own node
	 * woke it for (stored by another node that stopped, or due again after a failure)
	 */
	public record StoredCallbacks(@DefaultValue("100") int batch, @DefaultValue("10ms") Duration batchWait,
			@DefaultValue("1s") Duration pollEvery) {

		public StoredCallbacks {
			if (batch < 1 || batch > 1_000 || batchWait.isNegative() || batchWait.compareTo(Duration.ofSeconds(1)) > 0
					|| pollEvery.compareTo(Duration.ofMillis(10)) < 0
					|| pollEvery.compareTo(Duration.ofMinutes(1)) > 0) {
				throw new IllegalArgumentException("malipo.payments.stored-callbacks: a batch of 1 to 1000, "
						+ "a batch wait of 0 to 1s, a poll every 10ms to 1m");
			}
		}

	}

	/**
	 * How payments' change feed is read by the modules that follow it (DECISIONS.md 24).
	 *
	 * @param batch the most events one reader applies in one transaction
	 * @param pollEvery how often a reader looks for events when no commit on its own node
	 * woke it (another node's payments, rows a long transaction held back)
	 * @param batchWait how long a reader woken by a commit waits before reading, so that
	 * under load many commits' events are applied in one transaction (what the read
	 * models lag behind by, at most, when nothing is held back)
	 * @param keep how long a row every reader has passed stays in the feed, so a reader
	 * reset to the beginning can rebuild that far back
	 * @param pruneEvery how often rows older than {@code keep} are deleted
	 */
	public record Feed(@DefaultValue("500") int batch, @DefaultValue("1s") Duration pollEvery,
			@DefaultValue("50ms") Duration batchWait, @DefaultValue("30d") Duration keep,
			@DefaultValue("1h") Duration pruneEvery) {

		public Feed {
			if (batch < 1 || batch > 10_000 || pollEvery.compareTo(Duration.ofMillis(10)) < 0
					|| pollEvery.compareTo(Duration.ofMinutes(1)) > 0 || batchWait.isNegative()
					|| batchWait.compareTo(Duration.ofSeconds(1)) > 0 || keep.compareTo(Duration.ofDays(1)) < 0
					|| pruneEvery.compareTo(Duration.ofMinutes(1)) < 0
					|| pruneEvery.compareTo(Duration.ofDays(1)) > 0) {
				throw new IllegalArgumentException(
						"malipo.payments.feed: a batch of 1 to 10000, a poll every 10ms to 1m, "
								+ "a batch wait of 0 to 1s, kept at least 1d, pruned every 1m to 1d");
			}
		}

	}

	/**
	 * Callbacks refused (unknown token, another payment's body, not a callback) are kept
	 * for the record, cut to {@code keptBytes}; past {@code perAddress} within
	 * {@code window} from one address they are answered 429 and not stored. A callback
	 * with a valid token is never held back by this.
	 *
	 * @param perAddress refused callbacks stored per source address within the window
	 * @param window the window for {@code perAddress}
	 * @param keptBytes how much of a refused body is kept
	 */
	public record RefusedCallbacks(@DefaultValue("30") int perAddress, @DefaultValue("1m") Duration window,
			@DefaultValue("2048") int keptBytes) {

		public RefusedCallbacks {
			if (perAddress < 1 || !window.isPositive() || window.compareTo(Duration.ofDays(1)) > 0 || keptBytes < 64
					|| keptBytes > 65_536) {
				throw new IllegalArgumentException(
						"malipo.payments.refused-callbacks: at least one per window of up to a day, 64 to 65536 bytes kept");
			}
		}

	}

	/**
	 * Sliding-window limits on STK prompts, so nobody can flood a phone with them (a
	 * client, or a psychologist approving their own KES 1 bookings). Counted in
	 * PostgreSQL across nodes.
	 *
	 * @param perPhone prompts one phone number may get within {@code perPhoneWindow}
	 * @param perPhoneWindow the window for {@code perPhone}
	 * @param perClient prompts one client may send within {@code perClientWindow}
	 * @param perClientWindow the window for {@code perClient}
	 */
	public record PromptLimits(@DefaultValue("3") int perPhone, @DefaultValue("10m") Duration perPhoneWindow,
			@DefaultValue("10") int perClient, @DefaultValue("1h") Duration perClientWindow) {

		public PromptLimits {
			if (perPhone < 1 || perClient < 1 || !perPhoneWindow.isPositive() || !perClientWindow.isPositive()
					|| perPhoneWindow.compareTo(Duration.ofDays(1)) > 0
					|| perClientWindow.compareTo(Duration.ofDays(1)) > 0) {
				throw new IllegalArgumentException(
						"malipo.payments.prompt-limits: counts of at least 1, windows of up to a day");
			}
		}

	}

	/** Where M-Pesa may post Pull Transactions notices; they are read and dropped. */
	public static final String PULL_NOTICE_PATH = ke.malipo.payments.PaymentSettlements.PULL_NOTICE_PATH;

	public PaymentSettings {
		// A queued initiation reaches M-Pesa up to queue-for after it started; its prompt
		// lives a few minutes more.
		if (completesWithin.compareTo(queueFor.plusMinutes(5)) < 0
				|| completesWithin.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException("malipo.payments.completes-within must be at least queue-for plus 5m "
					+ "and at most 1d, not " + completesWithin);
		}
		if (idempotencyKeysKeptFor.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException(
					"malipo.payments.idempotency-keys-kept-for must be at least 1d, not " + idempotencyKeysKeptFor);
		}
	}

}
