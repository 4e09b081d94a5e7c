package ke.malipo.benchmarks;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import ke.malipo.reconciliation.internal.Reconciler;
import ke.malipo.reconciliation.internal.Runs;
import ke.malipo.reconciliation.internal.StatementImport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * quality.md F4: a 1,000,000-row M-Pesa statement against 1,000,000 payments. The
 * statement (a CSV file of some 180 MB, as the org portal exports it) is imported through
 * the same streaming import as an upload, then one run reconciles the month; 100 rows
 * carry injected amount errors, which the run must find. Time and the JVM's peak heap use
 * (the whole application's, sampled every 50 ms) are reported for each phase. Run with
 * {@code ./mvnw -Pbenchmarks test -Dtest=ReconciliationBenchmark}.
 */
@SpringBootTest(
		properties = { "malipo.reconciliation.max-statement-size=400MB", "malipo.reconciliation.max-range-days=93",
				"logging.level.ke.malipo=warn", "logging.level.ke.malipo.reconciliation.internal.Comparison=debug",
				"logging.level.ke.malipo.reconciliation.internal.StatementRows=debug" })
class ReconciliationBenchmark {

	private static final int ROWS = Integer.getInteger("reconciliation.rows", 1_000_000);

	private static final int INJECTED = 100;

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	private static final DateTimeFormatter STATEMENT_TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss")
		.withZone(EAT);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StatementImport statements;

	@Autowired
	Reconciler reconciler;

	@Autowired
	Runs runs;

	@Test
	void aMillionRowStatementAgainstAMillionPayments() throws Exception {
		LocalDate first = LocalDate.of(2012, 3, 1);
		LocalDate last = first.plusDays(29);
		Instant start = first.atStartOfDay(EAT).toInstant();
		long spacing = Duration.ofDays(30).toMillis() / ROWS;
		this.jdbc
			.sql("""
					insert into reconciliation.payments (payment_id, session_id, client_id, amount, phone, reference, receipt,
					  state, created_at, updated_at, paid_at, version)
					select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1000 + n % 500,
					       '2547' || lpad(cast(n % 100000000 as text), 8, '0'), lpad(cast(n as text), 6, '0'),
					       'R' || lpad(cast(n as text), 9, '0'), 'PAID', t, t + interval '30 seconds', t + interval '30 seconds', 1
					  from generate_series(0, :rows - 1) n
					  cross join lateral (select cast(:start as timestamptz) + n * make_interval(secs => :spacing / 1000.0) as t) x
					""")
			.param("rows", ROWS)
			.param("start", Timestamp.from(start))
			.param("spacing", spacing)
			.update();
		this.jdbc.sql("analyze reconciliation.payments").update();

		Path file = Files.createTempFile("statement-", ".csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("Organization Name,BENCHMARK\r\nTime Period,From " + STATEMENT_TIME.format(start) + " To "
					+ STATEMENT_TIME.format(last.plusDays(1).atStartOfDay(EAT).toInstant().minusSeconds(1)) + "\r\n");
			out.write("Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,"
					+ "Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.\r\n");
			for (int n = 0; n < ROWS; n++) {
				Instant at = start.plusMillis(n * spacing);
				long amount = 1000 + n % 500 - ((n % (ROWS / INJECTED) == 7) ? 1 : 0);
				String phone = String.format("%08d", n % 100_000_000);
				out.write(String.format(Locale.ROOT,
						"R%09d,%s,%s,Pay Bill Online,Completed,\"%,d.00\",,\"0.00\",true,"
								+ "Pay Bill Online,2547****%s - CUSTOMER,,Malipo%06d\r\n",
						n, STATEMENT_TIME.format(at.plusSeconds(20)), STATEMENT_TIME.format(at.plusSeconds(2)), amount,
						phone.substring(4), n));
			}
		}
		BenchmarkFixtures.report("F4 statement file",
				String.format(Locale.ROOT, "%,d rows, %,d MB; the JVM's maximum heap %,d MB", ROWS,
						Files.size(file) / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024)));

		Peak peak = new Peak();
		long began = System.nanoTime();
		StatementImport.Imported imported;
		try (InputStream in = Files.newInputStream(file)) {
			imported = this.statements.importStatement("benchmark.csv", in, null);
		}
		long importMillis = (System.nanoTime() - began) / 1_000_000;
		long importPeak = peak.stop();
		assertThat(imported.added()).isEqualTo(ROWS);
		BenchmarkFixtures.report("F4 import",
				String.format(Locale.ROOT, "%,d rows imported in %,d ms (%,d rows/s); peak heap used %d MB", ROWS,
						importMillis, ROWS * 1000L / Math.max(1, importMillis), importPeak));

		peak = new Peak();
		began = System.nanoTime();
		UUID run = this.reconciler.reconcilePayments(first, last, "benchmark");
		long runMillis = (System.nanoTime() - began) / 1_000_000;
		long runPeak = peak.stop();
		Runs.Run result = this.runs.run(run).orElseThrow();
		BenchmarkFixtures.report("F4 run",
				String.format(Locale.ROOT,
						"%,d payments against %,d M-Pesa rows reconciled in %,d ms; peak heap used %d MB; %,d matched, "
								+ "%,d discrepancies, ties out: %s",
						ROWS, ROWS, runMillis, runPeak, result.matched(), result.discrepancy(), result.tiesOut()));
		BenchmarkFixtures.report("F4 total",
				String.format(Locale.ROOT, "import + run %,d ms (target 30,000 ms)", importMillis + runMillis));
		assertThat(result.discrepancy()).isEqualTo(INJECTED);
		assertThat(result.matched()).isEqualTo(ROWS - INJECTED);
		assertThat(result.tiesOut()).isTrue();

		// The same file again, now that a million rows are stored: nothing is added, and
		// the time shows what leaving known rows out costs against that history.
		began = System.nanoTime();
		try (InputStream in = Files.newInputStream(file)) {
			assertThat(this.statements.importStatement("again.csv", in, null).added()).isZero();
		}
		BenchmarkFixtures.report("F4 the same statement again", String.format(Locale.ROOT,
				"%,d rows, none new, in %,d ms", ROWS, (System.nanoTime() - began) / 1_000_000));
		Files.deleteIfExists(file);
	}

	/** The highest heap use seen, sampled every 50 ms from a virtual thread. */
	private static final class Peak {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong highest = new AtomicLong();

		private final Thread sampler;

		Peak() {
			this.sampler = Thread.ofVirtual().start(() -> {
				while (this.running.get()) {
					long used = ManagementFactory.getMemoryPoolMXBeans()
						.stream()
						.filter((pool) -> pool.getType() == MemoryType.HEAP)
						.map(MemoryPoolMXBean::getUsage)
						.mapToLong((usage) -> usage.getUsed())
						.sum();
					this.highest.accumulateAndGet(used, Math::max);
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
		}

		/** Megabytes. */
		long stop() throws InterruptedException {
			this.running.set(false);
			this.sampler.join();
			return this.highest.get() / (1024 * 1024);
		}

	}

}
