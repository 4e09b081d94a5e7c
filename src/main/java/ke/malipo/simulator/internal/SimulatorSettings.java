package ke.malipo.simulator.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Daraja simulator.
 *
 * @param enabled serve the simulator (local run only; production refuses it)
 * @param consumerKey a consumer key accepted besides {@code simulator-key}
 * @param consumerSecret its secret
 * @param merchants shortcodes the simulator knows, with their passkeys
 * @param outcomeDelay how long after a push an automatic outcome happens
 * @param promptTimeout how long a prompt waits on the virtual phone before it times out
 * (1037)
 * @param tokenLifetime lifetime of issued OAuth tokens
 * @param revokePreviousToken whether a new token invalidates the previous one (as
 * Daraja's FAQ claims)
 * @param waitingNumbers numbers whose prompts wait for a person on the virtual phone page
 * @param initiatorPassword the API operator password Transaction Status accepts
 * @param faults injected failures, repeatable from a seed
 * @param pendingQuery how a query about an unanswered prompt is answered: {@code current}
 * (HTTP 200, ResultCode 4999 "still under processing", as live Daraja answers since 2025)
 * or {@code legacy} (HTTP 500 {@code 500.001.1001} "being processed")
 * @param pullPageSize rows in one page of Pull Transactions results
 * @param pullDelay how long after completion a payment appears in Pull Transactions
 * (M-Pesa's records lag behind its callbacks)
 * @param lostAnswerNumbers numbers whose push reaches the phone and is paid while
 * Daraja's answer is a 500 {@code 500.003.1001} and no callback ever comes: the worst
 * ambiguous case, settled only from M-Pesa's records
 * @param slowAnswerNumbers numbers whose push is paid at once and called back while
 * Daraja's answer to the push reaches the merchant {@code slowAnswerDelay} later: the
 * callback overtakes the answer, as it does on live Daraja when the merchant is slow
 * @param slowAnswerDelay how late that answer comes
 * @param africasTalkingApiKey the API key the Africa's Talking simulator accepts
 * @param callbackHosts hosts besides this machine that the simulator may call back (a
 * merchant under test elsewhere); names as written in the URL, never resolved
 */
@ConfigurationProperties("malipo.simulator")
@Validated
public record SimulatorSettings(@DefaultValue("false") boolean enabled, @Nullable String consumerKey,
		@Nullable String consumerSecret, @DefaultValue Map<String, String> merchants,
		@DefaultValue("2s") Duration outcomeDelay, @DefaultValue("90s") Duration promptTimeout,
		@DefaultValue("3599s") Duration tokenLifetime, @DefaultValue("false") boolean revokePreviousToken,
		@DefaultValue("254700000009") List<String> waitingNumbers,
		@DefaultValue("Simulator#2026") String initiatorPassword, @Valid @DefaultValue Faults faults,
		@DefaultValue("current") PendingQuery pendingQuery, @DefaultValue("100") @Min(1) @Max(1000) int pullPageSize,
		@DefaultValue("0s") Duration pullDelay, @DefaultValue List<String> lostAnswerNumbers,
		@DefaultValue List<String> slowAnswerNumbers, @DefaultValue("1s") Duration slowAnswerDelay,
		@DefaultValue("simulator-at-key") String africasTalkingApiKey, @DefaultValue List<String> callbackHosts) {

	/** The two ways Daraja answers a query while the customer has not answered yet. */
	public enum PendingQuery {

		/**
		 * HTTP 200, {@code ResultCode} 4999 "The transaction is still under processing".
		 */
		CURRENT,
		/** HTTP 500, {@code 500.001.1001} "The transaction is being processed". */
		LEGACY

	}

	/** Safaricom's published sandbox merchant, always known to the simulator. */
	static final Map<String, String> SANDBOX_MERCHANT = Map.of("174379",
			"bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919");

	/**
	 * Failures to inject; each rate is a probability from 0 to 1.
	 *
	 * @param seed makes a run repeatable; printed at start
	 * @param latency added to every Daraja answer
	 * @param serverErrorRate pushes answered 500 {@code 500.003.1001} (half of them still
	 * start a prompt)
	 * @param spikeArrestRate pushes and queries refused with {@code 500.003.02}
	 * @param callbackDropRate callbacks never delivered
	 * @param callbackDuplicateRate callbacks delivered twice
	 * @param callbackMaxExtraDelay each callback waits a random extra delay up to this,
	 * which reorders them (Transaction Status results wait alike)
	 * @param pullErrorRate Pull Transactions pages answered 500 (Daraja's client retries,
	 * so a reading fails only when every try does)
	 * @param resultDropRate Transaction Status results never posted to the ResultURL
	 */
	public record Faults(@DefaultValue("1") long seed, @DefaultValue("0s") Duration latency,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double serverErrorRate,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double spikeArrestRate,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double callbackDropRate,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double callbackDuplicateRate,
			@DefaultValue("0s") Duration callbackMaxExtraDelay,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double pullErrorRate,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double resultDropRate) {
	}

}
