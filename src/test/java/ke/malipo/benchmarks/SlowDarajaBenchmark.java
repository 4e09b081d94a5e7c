package ke.malipo.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;

import ke.malipo.benchmarks.BenchmarkFixtures.Payable;
import ke.malipo.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * quality.md F2, second half: with every Daraja answer taking 2 seconds, 1,000
 * initiations in flight at once all succeed, without errors or running out of threads or
 * database connections (the attempt row is committed before the push, so no connection
 * waits on Daraja). Run with {@code ./mvnw -Pbenchmarks test -Dtest=SlowDarajaBenchmark}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.simulator.prompt-timeout=30m", "malipo.payments.direct-query-after=30m",
				"malipo.simulator.faults.latency=2s", "logging.level.ke.malipo=warn" })
@Import({ Api.Configuration.class, ServerTimes.Configuration.class })
class SlowDarajaBenchmark extends AppBenchmark {

	@Test
	void thousandInitiationsInFlightAgainstASlowDaraja() throws Exception {
		List<Payable> sessions = approvedSessions(40, 1000);
		this.serverTimes.reset();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		Load.Latencies run = Load.allAtOnce(1000, (i) -> initiate(sessions.get(i), 9).statusCode() == 202);
		int threadsAfter = ManagementFactory.getThreadMXBean().getPeakThreadCount();
		BenchmarkFixtures.report("F2 1,000 at once, Daraja latency 2 s",
				run + String.format("; platform threads %d before, peak %d", threadsBefore, threadsAfter));
		BenchmarkFixtures.report("F2 1,000 at once, server time of initiate",
				this.serverTimes.of("/api/mpesa/initiate").latencyOnly());
		BenchmarkFixtures.report("F2 1,000 at once, of which the simulated Daraja push",
				this.serverTimes.of("/simulator/daraja/mpesa/stkpush").latencyOnly());
		BenchmarkFixtures.report("F2 1,000 at once, simulated OAuth token calls",
				this.serverTimes.of("/simulator/daraja/oauth").latencyOnly());
		assertThat(run.errors()).isZero();
	}

}
