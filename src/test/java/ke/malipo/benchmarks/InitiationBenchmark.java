package ke.malipo.benchmarks;

import java.util.List;

import ke.malipo.benchmarks.BenchmarkFixtures.Payable;
import ke.malipo.support.Api;
import ke.malipo.support.FeedRows;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

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

	@Autowired
	JdbcClient jdbc;

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

	/**
	 * The round trips to PostgreSQL one initiation makes on its request thread, counted
	 * from the driver's protocol log ({@link ProtocolLog}) over twenty initiations made
	 * one after another, after 300 that warm the statements up on every pooled connection
	 * (the driver prepares a statement on the server at its fifth use on a connection),
	 * as a running node has them.
	 */
	@Test
	void roundTripsOfAnInitiation() {
		int warmup = 300;
		int counted = 20;
		List<Payable> sessions = approvedSessions(10, warmup + counted);
		for (int i = 0; i < warmup; i++) {
			assertThat(initiate(sessions.get(i), 9).statusCode()).isEqualTo(202);
		}
		int roundTrips;
		try (ProtocolLog log = ProtocolLog.start()) {
			for (int i = warmup; i < warmup + counted; i++) {
				assertThat(initiate(sessions.get(i), 9).statusCode()).isEqualTo(202);
			}
			roundTrips = log.roundTrips();
		}
		BenchmarkFixtures.report("F2 round trips to PostgreSQL per initiation, on its request thread",
				"%.1f (%d over %d initiations)".formatted((double) roundTrips / counted, roundTrips, counted));
		assertThat(roundTrips).isPositive();
	}

	/**
	 * The same server time with the load sent from wrk (C, pinned to core 1), so the
	 * generator's CPU is not the app's: 40 connections, each pausing 200 ms before each
	 * request, about 200 a second less the answers' own time (wrk waits for an answer
	 * before a connection's next request, so the rate it reaches is printed, not
	 * assumed). The cost per initiation of the JVM and PostgreSQL is read around the run.
	 */
	@Test
	void initiationOverheadFromWrk() throws Exception {
		assertThat(Machine.twoCoresOrMore()).as("the servers and the load generator each need a core").isTrue();
		int warmup = 1000;
		int measured = 4000;
		int held = 1500;
		int alone = 300;
		List<Payable> sessions = approvedSessions(40, warmup + measured + held + alone);
		// Booking 5,000 sessions leaves work behind (the psychologists' and clients'
		// emails, the modules hearing of each session): measured, it would be counted
		// as initiation's.
		BenchmarkFixtures.report("F2 from wrk, the bookings' follow-up work done", quiet());
		Wrk.Result warm = Wrk.run(this.port, requests(sessions.subList(0, warmup)), 20, 200, "1",
				() -> started() >= warmup);
		BenchmarkFixtures.report("F2 from wrk, warm-up (20 connections pausing 200 ms)", warm.toString());
		BenchmarkFixtures.report("F2 from wrk, the warm-up's follow-up work done", quiet());
		phase("asking 200/s", sessions.subList(warmup, warmup + measured), 40, 200);

		// At a rate two cores hold beside the generator (about 50/s): what an initiation
		// takes when it does not queue for CPU.
		BenchmarkFixtures.report("F2 from wrk, the run's follow-up work done", quiet());
		int from = warmup + measured;
		phase("at a rate two cores hold", sessions.subList(from, from + held), 10, 200);

		// One at a time (about 10/s): what an initiation takes on a machine that is
		// otherwise nearly idle.
		BenchmarkFixtures.report("F2 from wrk, the slower run's follow-up work done", quiet());
		phase("one at a time", sessions.subList(from + held, from + held + alone), 1, 100);
	}

	/**
	 * Sends these sessions' initiations from wrk and reports what wrk saw, the server
	 * time, the simulated push inside it, and the JVM's and PostgreSQL's cost per
	 * initiation.
	 */
	private void phase(String name, List<Payable> sessions, int connections, int pauseMillis) throws Exception {
		long until = started() + sessions.size();
		this.serverTimes.reset();
		Machine.Reading before = Machine.read(this.jdbc, true);
		Wrk.Result run = Wrk.run(this.port, requests(sessions), connections, pauseMillis, "1",
				() -> started() >= until);
		Machine.Reading after = Machine.read(this.jdbc, true);
		String label = "F2 from wrk, " + name;
		BenchmarkFixtures.report(label + " (" + connections + " connections pausing " + pauseMillis + " ms, on core 1)",
				run.toString());
		BenchmarkFixtures.report(label + ", server time", this.serverTimes.of("/api/mpesa/initiate").latencyOnly());
		BenchmarkFixtures.report(label + ", of which the simulated Daraja push",
				this.serverTimes.of("/simulator/daraja/mpesa/stkpush").latencyOnly());
		BenchmarkFixtures.report(label + ", cost", after.per(before, sessions.size(), "initiation"));
		assertThat(run.failed()).isZero();
	}

	private List<Wrk.Request> requests(List<Payable> sessions) {
		return sessions.stream()
			.map((payable) -> new Wrk.Request("/api/mpesa/initiate", "Bearer " + payable.clientToken(),
					"{\"sessionId\":\"" + payable.session() + "\",\"phoneNumber\":\"" + TestPhones.local(9) + "\"}"))
			.toList();
	}

	/**
	 * Waits until no event publication is open, no feed row unread and no message due to
	 * be sent; says how long that took.
	 */
	private String quiet() throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
		while (this.jdbc.sql("""
				select (select count(*) from events.event_publication where completion_date is null) + (%s)
				     + (select count(*) from notifications.outbox where status = 'QUEUED' and next_try_at <= now())
				""".formatted(FeedRows.UNREAD)).query(Long.class).single() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(1000);
		}
		return String.format(java.util.Locale.ROOT, "quiet after %.0f s", (System.nanoTime() - start) / 1e9);
	}

	/** Payments started so far (the benchmark is the only client). */
	private long started() {
		return this.jdbc.sql("select count(*) from payments.attempts").query(Long.class).single();
	}

}
