package ke.malipo.simulator.internal;

import java.time.Duration;
import java.util.Random;

/**
 * Injected failures drawn from one seeded random source, so a run can be replayed from
 * its seed. Draws are synchronised: the sequence is the same for the same order of
 * requests.
 */
class SimulatorFaults {

	private final SimulatorSettings.Faults settings;

	private final Random random;

	SimulatorFaults(SimulatorSettings.Faults settings) {
		this.settings = settings;
		this.random = new Random(settings.seed());
	}

	synchronized boolean spikeArrest() {
		return draw(this.settings.spikeArrestRate());
	}

	synchronized boolean serverError() {
		return draw(this.settings.serverErrorRate());
	}

	synchronized boolean coinFlip() {
		return this.random.nextBoolean();
	}

	synchronized boolean dropCallback() {
		return draw(this.settings.callbackDropRate());
	}

	synchronized boolean duplicateCallback() {
		return draw(this.settings.callbackDuplicateRate());
	}

	synchronized boolean pullError() {
		return draw(this.settings.pullErrorRate());
	}

	synchronized boolean dropResult() {
		return draw(this.settings.resultDropRate());
	}

	synchronized Duration callbackDelay() {
		long max = this.settings.callbackMaxExtraDelay().toMillis();
		return (max <= 0) ? Duration.ZERO : Duration.ofMillis((long) (this.random.nextDouble() * max));
	}

	Duration latency() {
		return this.settings.latency();
	}

	long seed() {
		return this.settings.seed();
	}

	private boolean draw(double rate) {
		return rate > 0 && this.random.nextDouble() < rate;
	}

}
