package ke.malipo.simulator.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 */
@ConfigurationProperties("malipo.simulator")
@Validated
public record SimulatorSettings(@DefaultValue("false") boolean enabled, @Nullable String consumerKey,
		@Nullable String consumerSecret, @DefaultValue Map<String, String> merchants,
		@DefaultValue("2s") Duration outcomeDelay, @DefaultValue("90s") Duration promptTimeout,
		@DefaultValue("3599s") Duration tokenLifetime, @DefaultValue("false") boolean revokePreviousToken,
		@DefaultValue("254700000009") List<String> waitingNumbers,
		@DefaultValue("Simulator#2026") String initiatorPassword, @Valid @DefaultValue Faults faults) {

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
	 * which reorders them
	 */
	public record Faults(@DefaultValue("1") long seed, @DefaultValue("0s") Duration latency,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double serverErrorRate,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double spikeArrestRate,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double callbackDropRate,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double callbackDuplicateRate,
			@DefaultValue("0s") Duration callbackMaxExtraDelay) {
	}

}
