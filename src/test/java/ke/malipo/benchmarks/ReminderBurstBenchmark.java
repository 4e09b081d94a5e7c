package ke.malipo.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import ke.malipo.benchmarks.BenchmarkFixtures.Payable;
import ke.malipo.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: 10,000 reminders falling due at the same second (every confirmed session
 * tomorrow at 10:00) are all taken by Africa's Talking (the simulator, over HTTP, which
 * then posts a delivery report for each) within a few minutes on one node, and payments
 * are not slowed: initiations at 50 a second, each paid by the simulated phone and called
 * back, are timed on the server before the burst and during it. Run with
 * {@code ./mvnw -Pbenchmarks test -Dtest=ReminderBurstBenchmark}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.simulator.outcome-delay=100ms", "malipo.simulator.faults.latency=0s",
				"logging.level.ke.malipo=warn" })
@Import({ Api.Configuration.class, ServerTimes.Configuration.class })
class ReminderBurstBenchmark extends AppBenchmark {

	private static final int REMINDERS = 10_000;

	private static final int RATE = 50;

	private static final int WARM_UP = 2500;

	private static final int WARM_UP_REMINDERS = 3000;

	private static long jitMillis() {
		return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
	}

	@Autowired
	JdbcClient jdbc;

	@Test
	void tenThousandRemindersDueAtOnce() throws Exception {
		List<Payable> sessions = approvedSessions(40, WARM_UP + 3000);
		// A long warm-up, with a smaller burst of its own: on two cores the JIT
		// compiler's
		// work on the sending path would otherwise land in the phases measured, as it
		// would
		// not on a node that has been up a while (the figures report its time in each).
		reminders(Instant.now(), WARM_UP_REMINDERS, "warm");
		Load.Latencies warm = Load.atRate(RATE, WARM_UP, (i) -> initiate(sessions.get(i), 0).statusCode() == 202);
		assertThat(warm.errors()).isZero();
		while (accepted("warm") < WARM_UP_REMINDERS) {
			Thread.sleep(200);
		}

		this.serverTimes.reset();
		long jit = jitMillis();
		Load.Latencies quiet = Load.atRate(RATE, 1000,
				(i) -> initiate(sessions.get(WARM_UP + i), 0).statusCode() == 202);
		report("before the burst", quiet, jitMillis() - jit);

		Instant due = Instant.now().plusSeconds(3);
		reminders(due, REMINDERS, "burst");
		while (Instant.now().isBefore(due)) {
			Thread.sleep(10);
		}
		this.serverTimes.reset();
		long jitDuring = jitMillis();
		CompletableFuture<Load.Latencies> during = CompletableFuture.supplyAsync(() -> {
			try {
				return Load.atRate(RATE, 2000,
						(i) -> initiate(sessions.get(WARM_UP + 1000 + i), 0).statusCode() == 202);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, Executors.newVirtualThreadPerTaskExecutor());
		Duration took = null;
		Instant deadline = due.plus(Duration.ofMinutes(10));
		while (Instant.now().isBefore(deadline)) {
			if (accepted("burst") == REMINDERS) {
				took = Duration.between(due, Instant.now());
				break;
			}
			Thread.sleep(200);
		}
		Load.Latencies busy = during.get();
		report("during the burst", busy, jitMillis() - jitDuring);
		BenchmarkFixtures.report("Reminder burst",
				String.format(Locale.ROOT,
						"%,d reminders due at once: %s taken by Africa's Talking (simulated) in %s; %d left over",
						REMINDERS, (took != null) ? "all" : accepted("burst") + " of them",
						(took != null) ? took : "over 10 min", REMINDERS - accepted("burst")));
		assertThat(took).as("every reminder sent within 10 minutes").isNotNull();
		assertThat(quiet.errors() + busy.errors()).isZero();
	}

	private void report(String phase, Load.Latencies caller, long jit) {
		BenchmarkFixtures.report("Reminder burst: initiations at " + RATE + "/s " + phase + ", caller",
				caller + "; JIT compiling " + jit + " ms meanwhile");
		BenchmarkFixtures.report("Reminder burst: initiations " + phase + ", server time",
				this.serverTimes.of("/api/mpesa/initiate").latencyOnly());
		BenchmarkFixtures.report("Reminder burst: callbacks " + phase + ", server time",
				this.serverTimes.of("/api/payments/stk-callback").latencyOnly());
	}

	/**
	 * Confirmed sessions tomorrow and a day-before reminder for each, due at once, as the
	 * reminder planner writes them (set-based, so the setup is not what is measured).
	 */
	private void reminders(Instant due, int count, String label) {
		String run = java.util.UUID.randomUUID().toString();
		this.jdbc.sql("""
				insert into notifications.sessions (session_id, scheduled_at, status, client_id, psychologist_id)
				select cast(md5(:run || 's' || n) as uuid), cast(:due as timestamptz) + interval '1 day', 'CONFIRMED',
				       cast(md5(:run || 'c' || n) as uuid), gen_random_uuid()
				  from generate_series(1, :count) as n
				""").param("run", run).param("count", count).param("due", java.sql.Timestamp.from(due)).update();
		this.jdbc
			.sql("""
					insert into notifications.outbox (id, dedupe_key, recipient, channel, kind, title, body, status, address,
					  tries, next_try_at, session_id, not_after, created_at)
					select gen_random_uuid(), :label || ':' || n, cast(md5(:run || 'c' || n) as uuid), 'SMS', 'REMINDER_DAY_BEFORE',
					       'Reminder', 'Malipo reminder: your appointment with Dr Bench is tomorrow, Tue 1 Dec, 10:00 EAT.',
					       'QUEUED', '2547' || lpad(cast(n as text), 7, '0') || (array['0','1','2','4','5','8','9'])[1 + n % 7],
					       0, cast(:due as timestamptz), cast(md5(:run || 's' || n) as uuid),
					       cast(:due as timestamptz) + interval '1 day', now()
					  from generate_series(1, :count) as n
					""")
			.param("run", run)
			.param("count", count)
			.param("label", label)
			.param("due", java.sql.Timestamp.from(due))
			.update();
	}

	private int accepted(String label) {
		return this.jdbc.sql("""
				select count(*) from notifications.outbox
				 where dedupe_key like :label || ':%' and status in ('ACCEPTED', 'DELIVERED')
				""").param("label", label).query(Integer.class).single();
	}

}
