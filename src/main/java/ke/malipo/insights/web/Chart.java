package ke.malipo.insights.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * A column chart drawn on the server as SVG geometry: columns (actual, or forecast with
 * its band as a whisker), and optionally a rate from 0 to 100% as a line on a right-hand
 * axis. No script runs in the browser (the pages' CSP allows none inline) and colours
 * come from the stylesheet by class, so the chart obeys the same policy as the page. The
 * numbers shown are also in a table beside each chart, for screen readers and people who
 * would rather read.
 *
 * @param label what the chart shows, read out as the image's name
 */
public record Chart(String id, String label, int width, int height, List<Bar> bars, List<Whisker> whiskers,
		List<Tick> ticks, List<Tick> rateTicks, List<XLabel> xLabels, @Nullable String line) {

	static final int WIDTH = 640;

	static final int HEIGHT = 240;

	private static final double LEFT = 56;

	private static final double RIGHT_WITH_RATE = 44;

	private static final double RIGHT = 12;

	private static final double TOP = 12;

	private static final double BOTTOM = 28;

	/** At most this many labels under the columns; the others are skipped. */
	private static final int X_LABELS = 8;

	/** A column: its place, its CSS class (actual or forecast) and its tooltip. */
	public record Bar(double x, double y, double width, double height, String css, String title) {
	}

	/** A forecast band, from low to high, at a column's middle. */
	public record Whisker(double x, double y1, double y2) {
	}

	/** A gridline's height and the value written beside it. */
	public record Tick(double y, String text) {
	}

	/** A label under a column. */
	public record XLabel(double x, String text) {
	}

	/** One column's data: its label, its value and, for a forecast, its band. */
	public record Column(String label, double value, boolean forecast, double low, double high, @Nullable Double rate) {

		static Column actual(String label, double value, @Nullable Double rate) {
			return new Column(label, value, false, value, value, rate);
		}

		static Column forecast(String label, double value, double low, double high) {
			return new Column(label, value, true, low, high, null);
		}

	}

	/**
	 * Lays the columns out. {@code format} writes the axis values (e.g. 12k); the
	 * tooltips use {@code exact}.
	 */
	static Chart of(String id, String label, List<Column> columns, DoubleFunction<String> format,
			DoubleFunction<String> exact, boolean withRate) {
		return of(id, label, columns, format, exact, withRate,
				niceCeiling(columns.stream().mapToDouble((c) -> Math.max(c.value(), c.high())).max().orElse(0)));
	}

	/** The same on a fixed scale from 0 to {@code top} (e.g. ratings out of 5). */
	static Chart of(String id, String label, List<Column> columns, DoubleFunction<String> format,
			DoubleFunction<String> exact, boolean withRate, double top) {
		double right = withRate ? RIGHT_WITH_RATE : RIGHT;
		double plotWidth = WIDTH - LEFT - right;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double step = plotWidth / Math.max(1, columns.size());
		List<Bar> bars = new ArrayList<>();
		List<Whisker> whiskers = new ArrayList<>();
		List<XLabel> labels = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		int every = Math.max(1, (int) Math.ceil(columns.size() / (double) X_LABELS));
		for (int i = 0; i < columns.size(); i++) {
			Column column = columns.get(i);
			double middle = LEFT + step * i + step / 2;
			double height = plotHeight * column.value() / top;
			bars.add(new Bar(round(middle - step * 0.35), round(TOP + plotHeight - height), round(step * 0.7),
					round(height), column.forecast() ? "bar forecast" : "bar",
					column.label() + ": " + exact.apply(column.value()) + (column.forecast()
							? " (" + exact.apply(column.low()) + " – " + exact.apply(column.high()) + ")" : "")));
			if (column.forecast()) {
				whiskers.add(new Whisker(round(middle), round(TOP + plotHeight - plotHeight * column.low() / top),
						round(TOP + plotHeight - plotHeight * column.high() / top)));
			}
			if (column.rate() != null) {
				line.append(line.isEmpty() ? "" : " ")
					.append(round(middle))
					.append(',')
					.append(round(TOP + plotHeight * (1 - column.rate())));
			}
			if (i % every == 0) {
				labels.add(new XLabel(round(middle), column.label()));
			}
		}
		List<Tick> ticks = new ArrayList<>();
		List<Tick> rateTicks = new ArrayList<>();
		for (int t = 0; t <= 4; t++) {
			double y = round(TOP + plotHeight * (1 - t / 4.0));
			ticks.add(new Tick(y, format.apply(top * t / 4)));
			if (withRate) {
				rateTicks.add(new Tick(y, (t * 25) + "%"));
			}
		}
		return new Chart(id, label, WIDTH, HEIGHT, bars, whiskers, ticks, rateTicks, labels,
				line.isEmpty() ? null : line.toString());
	}

	/** The x of the plot's left and right edges, for gridlines. */
	public double left() {
		return LEFT;
	}

	public double right() {
		return WIDTH - (this.rateTicks.isEmpty() ? RIGHT : RIGHT_WITH_RATE);
	}

	/** The smallest 1, 2 or 5 times a power of ten at or above the value (1 for none). */
	static double niceCeiling(double value) {
		if (value <= 0) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (factor * power >= value) {
				return factor * power;
			}
		}
		return 10 * power;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
