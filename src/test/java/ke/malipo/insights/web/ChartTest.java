package ke.malipo.insights.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server-drawn chart: columns scale to a round top value, a forecast carries its band
 * as a whisker, the rate line spans 0 to 100%, and long views label some columns.
 */
class ChartTest {

	@Test
	void columnsScaleToARoundTopAndForecastsCarryTheirBand() {
		Chart chart = Chart.of("c", "Money", List.of(Chart.Column.actual("1 Dec", 40, 1.0),
				Chart.Column.actual("2 Dec", 0, 0.5), Chart.Column.forecast("3 Dec", 30, 10, 45)), String::valueOf,
				String::valueOf, true);
		assertThat(Chart.niceCeiling(45)).isEqualTo(50);
		assertThat(Chart.niceCeiling(0)).isEqualTo(1);
		assertThat(Chart.niceCeiling(120_000)).isEqualTo(200_000);
		double plot = Chart.HEIGHT - 12 - 28;
		assertThat(chart.bars().get(0).height()).isCloseTo(plot * 40 / 50, org.assertj.core.data.Offset.offset(0.1));
		assertThat(chart.bars().get(1).height()).isZero();
		assertThat(chart.bars().get(2).css()).isEqualTo("bar forecast");
		assertThat(chart.bars().get(2).title()).isEqualTo("3 Dec: 30.0 (10.0 – 45.0)");
		assertThat(chart.whiskers()).hasSize(1);
		assertThat(chart.whiskers().get(0).y1()).isGreaterThan(chart.whiskers().get(0).y2());
		String line = java.util.Objects.requireNonNull(chart.line());
		String[] points = line.split(" ");
		assertThat(points).as("the forecast has no rate").hasSize(2);
		assertThat(Double.parseDouble(points[0].split(",")[1])).as("100% at the top").isEqualTo(12.0);
		assertThat(Double.parseDouble(points[1].split(",")[1])).isEqualTo(12 + plot / 2,
				org.assertj.core.data.Offset.offset(0.1));
		assertThat(chart.rateTicks()).extracting(Chart.Tick::text).containsExactly("0%", "25%", "50%", "75%", "100%");
	}

	@Test
	void aLongViewLabelsSomeColumnsOnly() {
		List<Chart.Column> days = java.util.stream.IntStream.range(0, 90)
			.mapToObj((i) -> Chart.Column.actual("d" + i, i, null))
			.toList();
		Chart chart = Chart.of("c", "Long", days, String::valueOf, String::valueOf, false);
		assertThat(chart.bars()).hasSize(90);
		assertThat(chart.xLabels()).hasSizeLessThanOrEqualTo(8);
		assertThat(chart.line()).isNull();
		assertThat(InsightsPages.compact(1_250_000)).isEqualTo("1.3M");
		assertThat(InsightsPages.compact(12_000)).isEqualTo("12k");
		assertThat(InsightsPages.compact(950)).isEqualTo("950");
	}

}
