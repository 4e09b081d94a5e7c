package ke.malipo;

import ke.malipo.support.MalipoIntegrationTest;

/**
 * quality.md R5 at full scale, in the benchmark profile only: 15,000 generated malformed
 * bodies for each of the seven public doors of {@link MalformedInputTests} (105,000 in
 * all) and 15,000 malformed desk filter queries, from the same fixed seeds. Same
 * assertions: no 5xx, nothing accepted, nothing changed, every refusal a problem detail
 * with a code. Run with {@code ./mvnw -Pbenchmarks test -Dtest=MalformedInputBenchmark}.
 */
@MalipoIntegrationTest
class MalformedInputBenchmark extends MalformedInputTests {

	@Override
	int examples() {
		return Integer.getInteger("malformed.examples", 15_000);
	}

}
