package ke.malipo.benchmarks;

import java.util.List;

import ke.malipo.benchmarks.BenchmarkFixtures.Payable;
import ke.malipo.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * quality.md F2 and Property 51 (Payment Initiation Response Time): the server time of
 * {@code POST /api/mpesa/initiate} with the simulator answering at once, so what is
 * measured is our own overhead (a row written before the push, the push over real HTTP to
 * the simulator, the answer stored), at 200 initiations a second. Prompts wait on the
 * virtual phone, so no callback work competes with the measurement. Run with
 * {@code ./mvnw -Pbenchmarks test -Dtest=InitiationBenchmark}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.simulator.prompt-timeout=30m", "malipo.payments.direct-query-after=30m",
				"malipo.simulator.faults.latency=0s", "logging.level.ke.malipo=warn" })
@Import({ Api.Configuration.class, ServerTimes.Configuration.class })
class InitiationBenchmark extends AppBenchmark {

	@Test
	void initiationOverheadAt200PerSecond() throws Exception {
		int warmup = 1000;
		int measured = 4000;
		List<Payable> sessions = approvedSessions(40, warmup + measured);
		Load.Latencies warm = Load.atRate(100, warmup, (i) -> initiate(sessions.get(i), 9).statusCode() == 202);
		BenchmarkFixtures.report("F2 warm-up (100/s)", warm.toString());
		this.serverTimes.reset();
		Load.Latencies run = Load.atRate(200, measured,
				(i) -> initiate(sessions.get(warmup + i), 9).statusCode() == 202);
		BenchmarkFixtures.report("F2 initiate at 200/s, Daraja latency 0, as the caller saw it", run.toString());
		BenchmarkFixtures.report("F2 initiate at 200/s, server time",
				this.serverTimes.of("/api/mpesa/initiate").latencyOnly());
		BenchmarkFixtures.report("F2 initiate at 200/s, of which the simulated Daraja push",
				this.serverTimes.of("/simulator/daraja/mpesa/stkpush").latencyOnly());
		assertThat(run.errors()).isZero();
	}

}
