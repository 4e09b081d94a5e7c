package ke.malipo.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules operators load into Prometheus (issue 15) pass {@code promtool check
 * rules} and their unit tests ({@code promtool test rules}: each alert fires on the
 * series it is meant for and stays quiet on the ones it is not), and every query of the
 * Grafana dashboard is valid PromQL. promtool comes from Debian's {@code prometheus}
 * package: without it the test is skipped locally with that hint, and in CI
 * ({@code CI=true}, which installs it) it fails.
 */
class AlertRulesTest {

	private static final Path RULES = Path.of("ops/prometheus");

	private static final Path DASHBOARD = Path.of("ops/grafana/malipo-dashboard.json");

	@Test
	void theAlertRulesAreValidAndTheirUnitTestsPass() throws Exception {
		assertThat(promtool(RULES, "check", "rules", "alerts.yml")).contains("SUCCESS: 10 rules found");
		assertThat(promtool(RULES, "test", "rules", "alerts-test.yml")).contains("SUCCESS");
	}

	@Test
	void everyQueryOfTheDashboardIsValidPromQl() throws Exception {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<String> rules = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				rules.add("      - record: dashboard:panel_" + panel.get("id").asInt() + "_"
						+ target.get("refId").asString() + "\n        expr: '"
						+ target.get("expr").asString().replace("'", "''") + "'");
			}
		}
		assertThat(rules).hasSizeGreaterThanOrEqualTo(15);
		Path directory = Files.createTempDirectory("dashboard-rules");
		Files.writeString(directory.resolve("dashboard.yml"),
				"groups:\n  - name: dashboard\n    rules:\n" + String.join("\n", rules) + "\n");
		assertThat(promtool(directory, "check", "rules", "dashboard.yml"))
			.contains("SUCCESS: " + rules.size() + " rules found");
	}

	/** Runs promtool in a directory; fails with its output when it does not succeed. */
	private static String promtool(Path directory, String... arguments) throws IOException, InterruptedException {
		Path promtool = Path.of("/usr/bin/promtool");
		if (!Files.isExecutable(promtool)) {
			if ("true".equals(System.getenv("CI"))) {
				throw new AssertionError("promtool is missing: .ci/run installs Debian's prometheus package");
			}
			Assumptions.abort("promtool not installed (sudo apt-get install prometheus)");
		}
		List<String> command = new ArrayList<>(List.of(promtool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
