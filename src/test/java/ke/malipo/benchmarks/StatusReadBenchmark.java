package ke.malipo.benchmarks;

import java.time.Duration;
import java.util.List;

import ke.malipo.benchmarks.BenchmarkFixtures.Payable;
import ke.malipo.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * quality.md F3: {@code GET /api/mpesa/status/{sessionId}} over 200 paid sessions, each
 * read authenticated with its bearer token and checked for ownership: the most reads a
 * second eight callers get, then latency at half that rate. The load comes from the same
 * JVM on the same two cores, so the figures are lower bounds of what the server alone
 * does. Run with {@code ./mvnw -Pbenchmarks test -Dtest=StatusReadBenchmark}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.simulator.outcome-delay=10ms", "logging.level.ke.malipo=warn" })
@Import({ Api.Configuration.class, ServerTimes.Configuration.class })
class StatusReadBenchmark extends AppBenchmark {

	@Test
	void statusReads() throws Exception {
		List<Payable> sessions = approvedSessions(20, 200);
		for (Payable payable : sessions) {
			assertThat(initiate(payable, 0).statusCode()).isEqualTo(202);
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> sessions.stream().allMatch((payable) -> read(payable).contains("\"PAID\"")));
		Load.Latencies warm = Load.asFastAsPossible(8, 10_000, (i) -> ok(sessions.get(i % sessions.size())));
		BenchmarkFixtures.report("F3 warm-up (8 callers, closed loop)", warm.toString());
		Load.Latencies ceiling = Load.asFastAsPossible(8, 30_000, (i) -> ok(sessions.get(i % sessions.size())));
		BenchmarkFixtures.report("F3 status reads, 8 callers as fast as answered", ceiling.toString());
		int rate = (int) (ceiling.perSecond() / 2);
		this.serverTimes.reset();
		Load.Latencies run = Load.atRate(rate, rate * 20, (i) -> ok(sessions.get(i % sessions.size())));
		BenchmarkFixtures.report("F3 status reads at half that rate (" + rate + "/s), as the caller saw it",
				run.toString());
		BenchmarkFixtures.report("F3 status reads at " + rate + "/s, server time",
				this.serverTimes.of("/api/mpesa/status").latencyOnly());
		assertThat(run.errors()).isZero();
	}

	private String read(Payable payable) {
		return BenchmarkFixtures.get(this.port, "/api/mpesa/status/" + payable.session(), payable.clientToken()).body();
	}

	private boolean ok(Payable payable) {
		return BenchmarkFixtures.get(this.port, "/api/mpesa/status/" + payable.session(), payable.clientToken())
			.statusCode() == 200;
	}

}
