package ke.malipo.insights.internal;

/**
 * Additive Holt-Winters smoothing with a damped trend: a level, a trend and a season of
 * {@code m} values, each updated from the newest observation. The weights are chosen by a
 * grid search for the smallest one-step-ahead squared error over the history, which on a
 * few months of daily figures takes a millisecond and needs no optimiser library.
 *
 * <p>
 * Uncertainty is measured, not assumed: while filtering with the chosen weights, each day
 * also forecasts the sums of the next blocks of {@code block} days (the next week, the
 * week after, ...), and the spread of each block's errors against what happened is that
 * block's standard error. These errors are in-sample (the weights were fitted to the same
 * days), so they run a little small; the backtest in BENCHMARKS.md shows how well the 80%
 * band covers.
 */
final class HoltWinters {

	private static final double[] WEIGHTS = { 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };

	private static final double[] DAMPING = { 0.9, 0.98 };

	private final int season;

	private final double alpha;

	private final double beta;

	private final double gamma;

	private final double phi;

	private HoltWinters(int season, double alpha, double beta, double gamma, double phi) {
		this.season = season;
		this.alpha = alpha;
		this.beta = beta;
		this.gamma = gamma;
		this.phi = phi;
	}

	/** Whether a history of this length can be fitted: two full seasons at least. */
	static boolean fits(int length, int season) {
		return length >= 2 * season;
	}

	/** The weights that forecast this history one step ahead best. */
	static HoltWinters fit(double[] history, int season) {
		if (!fits(history.length, season)) {
			throw new IllegalArgumentException("Holt-Winters needs two seasons of history, had " + history.length);
		}
		HoltWinters best = new HoltWinters(season, WEIGHTS[0], WEIGHTS[0], WEIGHTS[0], DAMPING[0]);
		double bestError = Double.MAX_VALUE;
		for (double alpha : WEIGHTS) {
			for (double beta : WEIGHTS) {
				for (double gamma : WEIGHTS) {
					for (double phi : DAMPING) {
						HoltWinters candidate = new HoltWinters(season, alpha, beta, gamma, phi);
						double error = candidate.filter(history, 0, 0).oneStepSquaredError();
						if (error < bestError) {
							bestError = error;
							best = candidate;
						}
					}
				}
			}
		}
		return best;
	}

	/**
	 * The next {@code days} values after the history (never below zero: bookings and
	 * money are not negative) and the standard error of a sum over {@code block} days.
	 */
	Result forecast(double[] history, int days, int block) {
		State state = filter(history, block, days / Math.max(1, block));
		double[] ahead = new double[days];
		for (int h = 1; h <= days; h++) {
			ahead[h - 1] = Math.max(0, state.ahead(h));
		}
		return new Result(ahead, state.blockErrors());
	}

	/** Runs the smoothing over the history, measuring its errors as it goes. */
	private State filter(double[] y, int block, int blocks) {
		int m = this.season;
		double firstMean = mean(y, 0, m);
		double level = firstMean;
		double trend = (mean(y, m, 2 * m) - firstMean) / m;
		double[] seasonal = new double[m];
		for (int i = 0; i < m; i++) {
			seasonal[i] = y[i] - firstMean;
		}
		State state = new State(level, trend, seasonal, m, this.phi, blocks);
		for (int t = m; t < y.length; t++) {
			for (int b = 0; b < blocks && t + (b + 1) * block <= y.length; b++) {
				double expected = 0;
				double actual = 0;
				for (int h = b * block + 1; h <= (b + 1) * block; h++) {
					expected += Math.max(0, state.ahead(h));
					actual += y[t + h - 1];
				}
				state.squaredBlockErrors[b] += (actual - expected) * (actual - expected);
				state.blockCounts[b]++;
			}
			double oneStep = state.ahead(1);
			state.squaredError += (y[t] - oneStep) * (y[t] - oneStep);
			double season = state.seasonal[t % m];
			double previousLevel = state.level;
			state.level = this.alpha * (y[t] - season) + (1 - this.alpha) * (previousLevel + this.phi * state.trend);
			state.trend = this.beta * (state.level - previousLevel) + (1 - this.beta) * this.phi * state.trend;
			state.seasonal[t % m] = this.gamma * (y[t] - state.level) + (1 - this.gamma) * season;
			state.next = t + 1;
		}
		return state;
	}

	private static double mean(double[] y, int from, int to) {
		double sum = 0;
		for (int i = from; i < to; i++) {
			sum += y[i];
		}
		return sum / (to - from);
	}

	@Override
	public String toString() {
		return "HoltWinters[alpha=" + this.alpha + ", beta=" + this.beta + ", gamma=" + this.gamma + ", phi=" + this.phi
				+ "]";
	}

	/**
	 * Forecast values, and the standard error of each block's sum ahead, nearest first.
	 */
	record Result(double[] values, double[] blockErrors) {
	}

	/** The smoothing's state after the last observation seen, and its errors so far. */
	private static final class State {

		double level;

		double trend;

		final double[] seasonal;

		final int season;

		final double phi;

		int next;

		double squaredError;

		final double[] squaredBlockErrors;

		final int[] blockCounts;

		State(double level, double trend, double[] seasonal, int season, double phi, int blocks) {
			this.level = level;
			this.trend = trend;
			this.seasonal = seasonal;
			this.season = season;
			this.phi = phi;
			this.next = season;
			this.squaredBlockErrors = new double[blocks];
			this.blockCounts = new int[blocks];
		}

		/** The value h steps after the last one seen (the damped trend's sum). */
		double ahead(int h) {
			double damped = 0;
			double factor = this.phi;
			for (int i = 1; i <= h; i++) {
				damped += factor;
				factor *= this.phi;
			}
			return this.level + damped * this.trend + this.seasonal[(this.next + h - 1) % this.season];
		}

		double oneStepSquaredError() {
			return this.squaredError;
		}

		/**
		 * The root mean squared error of each block ahead's sum. A block too far ahead
		 * for the history to have measured it takes the last measured one's error,
		 * widened by the square root of the distance.
		 */
		double[] blockErrors() {
			double[] errors = new double[this.blockCounts.length];
			for (int b = 0; b < errors.length; b++) {
				if (this.blockCounts[b] > 0) {
					errors[b] = Math.sqrt(this.squaredBlockErrors[b] / this.blockCounts[b]);
				}
				else if (b > 0) {
					errors[b] = errors[b - 1] * Math.sqrt((b + 1.0) / b);
				}
			}
			return errors;
		}

	}

}
