package ke.malipo.insights.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * An unsupervised model of what ordinary payments look like: a one-class SVM with an RBF
 * kernel (Tribuo over LibSVM) trained on the features of past payments, standardised by
 * their own mean and spread ({@code nu} = 2%). A payment scored below what all but 1% of
 * history scored is anomalous, which bounds the false alarms the model alone raises on
 * payments like the past ones to about one in a hundred.
 */
final class AnomalyModel {

	/** Fewer payments than this teach nothing worth trusting: rules only until then. */
	static final int LEAST_HISTORY = 200;

	static final double NU = 0.02;

	/** The share of history's own payments the line lets fall below it. */
	static final double HISTORY_BELOW_LINE = 0.01;

	private static final AnomalyFactory FACTORY = new AnomalyFactory();

	private final Model<Event> model;

	private final double[] mean;

	private final double[] spread;

	private final double line;

	private final int trainedOn;

	private final Instant trainedAt;

	private AnomalyModel(Model<Event> model, double[] mean, double[] spread, double line, int trainedOn,
			Instant trainedAt) {
		this.model = model;
		this.mean = mean;
		this.spread = spread;
		this.line = line;
		this.trainedOn = trainedOn;
		this.trainedAt = trainedAt;
	}

	/**
	 * Trains on the rows (each {@link FraudFeatures#NAMES} long); seeded, so
	 * reproducible.
	 */
	static AnomalyModel train(List<double[]> rows, Instant now) {
		if (rows.size() < LEAST_HISTORY) {
			throw new IllegalArgumentException(
					"The anomaly model needs " + LEAST_HISTORY + " payments, had " + rows.size());
		}
		int width = FraudFeatures.NAMES.length;
		double[] mean = new double[width];
		double[] spread = new double[width];
		for (double[] row : rows) {
			for (int i = 0; i < width; i++) {
				mean[i] += row[i] / rows.size();
			}
		}
		for (double[] row : rows) {
			for (int i = 0; i < width; i++) {
				spread[i] += (row[i] - mean[i]) * (row[i] - mean[i]) / rows.size();
			}
		}
		for (int i = 0; i < width; i++) {
			// A feature that never varied in history: any change from it is a full unit.
			spread[i] = Math.max(Math.sqrt(spread[i]), 1e-3);
		}
		MutableDataset<Event> data = new MutableDataset<>(new SimpleDataSourceProvenance("payment history",
				OffsetDateTime.ofInstant(now, ZoneOffset.UTC), FACTORY), FACTORY);
		for (double[] row : rows) {
			data.add(example(new Event(Event.EventType.EXPECTED), row, mean, spread));
		}
		SVMParameters<Event> parameters = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS),
				KernelType.RBF);
		parameters.setGamma(1.0 / width);
		parameters.setNu(NU);
		Model<Event> model = new LibSVMAnomalyTrainer(parameters, 20261130L).train(data);
		// Many ordinary payments share the same features and sit exactly on the learnt
		// boundary, where the SVM's own sign flips on rounding; the line is drawn instead
		// below all but the lowest 1% of history's scores (and never above the boundary).
		double[] scores = rows.stream().mapToDouble((row) -> score(model, row, mean, spread)).sorted().toArray();
		double line = Math.min(0, scores[(int) Math.floor(scores.length * HISTORY_BELOW_LINE)]);
		return new AnomalyModel(model, mean, spread, line, rows.size(), now);
	}

	private static double score(Model<Event> model, double[] row, double[] mean, double[] spread) {
		return model.predict(example(new Event(Event.EventType.UNKNOWN), row, mean, spread)).getOutput().getScore();
	}

	/**
	 * Whether the payment lies outside what the model learnt (its score below the line),
	 * and its score: the SVM's decision value, negative outside the learnt boundary.
	 */
	Verdict judge(double[] features) {
		double score = score(this.model, features, this.mean, this.spread);
		return new Verdict(score < this.line, score);
	}

	int trainedOn() {
		return this.trainedOn;
	}

	Instant trainedAt() {
		return this.trainedAt;
	}

	private static ArrayExample<Event> example(Event output, double[] row, double[] mean, double[] spread) {
		double[] scaled = new double[row.length];
		for (int i = 0; i < row.length; i++) {
			scaled[i] = (row[i] - mean[i]) / spread[i];
		}
		return new ArrayExample<>(output, FraudFeatures.NAMES, scaled);
	}

	/** The model's view of one payment. */
	record Verdict(boolean anomalous, double score) {
	}

}
