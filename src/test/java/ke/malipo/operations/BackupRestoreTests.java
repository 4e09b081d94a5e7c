package ke.malipo.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ke.malipo.common.database.EmbeddedPostgresServer;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.TestClockConfiguration;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backups (issue 15, docs/OPERATIONS.md): a {@code pg_dump} taken while payments flow
 * restores with {@code pg_restore} into a new database, and the restored books reconcile
 * with M-Pesa's own records (the simulator's ground truth): every payment M-Pesa
 * completed well before the dump began is paid in the restored books with the same
 * receipt and amount, the restored books hold no money M-Pesa does not, and what is
 * missing was paid after the backup point (a reconciliation over the days since the
 * backup finds exactly those as money without a payment). The migrations' history comes
 * back whole.
 *
 * <p>
 * The dump tools must match the server's major version: Debian's are PostgreSQL 15, so
 * this application runs here on Debian's PostgreSQL 15 server
 * ({@code malipo.database.server-binaries}) instead of the bundled 17. Without them the
 * test is skipped locally with a hint; in CI ({@code CI=true}, whose script installs
 * them) it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.database.server-binaries=" + BackupRestoreTests.SERVER,
				"malipo.database.database-name=backup_source" })
@Import({ TestClockConfiguration.class, Api.Configuration.class })
class BackupRestoreTests {

	static final String SERVER = "/usr/lib/postgresql/15/bin";

	private static final Path CLIENT = Path.of("/usr/lib/postgresql/15/bin");

	/** A callback is applied well within this after M-Pesa completes a payment. */
	private static final Duration APPLIED_WITHIN = Duration.ofSeconds(5);

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja mpesa;

	@Autowired
	JdbcClient source;

	@BeforeAll
	static void postgres15IsInstalled() {
		for (String program : List.of("postgres", "initdb", "pg_ctl", "pg_dump", "pg_restore")) {
			if (!Files.isExecutable(CLIENT.resolve(program))) {
				if ("true".equals(System.getenv("CI"))) {
					throw new AssertionError(CLIENT.resolve(program) + " is missing: .ci/run installs postgresql-15");
				}
				Assumptions.abort("PostgreSQL 15 not installed (sudo apt-get install postgresql-15)");
			}
		}
	}

	@Test
	void aDumpTakenUnderLoadRestoresAndReconciles() throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(null, Path.of(SERVER));
		assertThat(this.source.sql("select current_setting('server_version_num')::int / 10000")
			.query(Integer.class)
			.single()).as("the app runs on the installed PostgreSQL 15").isEqualTo(15);
		Account psychologist = this.api.psychologist(1700);
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger paid = new AtomicInteger();
		AtomicInteger slot = new AtomicInteger();
		ExecutorService load = Executors.newFixedThreadPool(4);
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			workers.add(load.submit(() -> {
				while (!stop.get()) {
					Account client = this.api.client();
					int n = slot.incrementAndGet();
					String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 2 + n / 20,
							n % 20);
					this.api.post("/api/mpesa/initiate", client.token(),
							Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)));
					await().atMost(Duration.ofSeconds(30))
						.until(() -> this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus"),
								"PAID"::equals);
					paid.incrementAndGet();
				}
				return null;
			}));
		}
		await().atMost(Duration.ofMinutes(2)).until(() -> paid.get() >= 24);
		Path dump = Files.createTempDirectory("malipo-backup").resolve("malipo.dump");
		Instant dumpStarted = Instant.now();
		run(server, "pg_dump", "--format=custom", "--file=" + dump, "--dbname=backup_source");
		int paidAtDump = paid.get();
		await().atMost(Duration.ofMinutes(1)).until(() -> paid.get() >= paidAtDump + 8);
		stop.set(true);
		for (Future<?> worker : workers) {
			worker.get(1, TimeUnit.MINUTES);
		}
		load.shutdown();

		server.jdbcUrl("backup_restored");
		run(server, "pg_restore", "--exit-on-error", "--no-owner", "--dbname=backup_restored", dump.toString());
		DriverManagerDataSource restoredSource = new DriverManagerDataSource(server.jdbcUrl("backup_restored"),
				server.username(), server.password());
		JdbcClient restored = JdbcClient.create(restoredSource);

		assertThat(history(restored)).as("the migrations' history").isEqualTo(history(this.source));
		assertThat(restored.sql("""
				select count(*) from booking.sessions s where s.status = 'CONFIRMED'
				   and not exists (select 1 from payments.attempts a where a.session_id = s.id and a.state = 'PAID')
				""").query(Long.class).single()).as("confirmed sessions without their money").isZero();

		int inBooks = 0;
		int afterBackup = 0;
		for (SimulatedTransaction money : this.mpesa.paidBetween(Instant.EPOCH, Instant.now().plusSeconds(60))) {
			Map<String, Object> row = restored
				.sql("select state, receipt, amount from payments.attempts where checkout_request_id = :id")
				.param("id", money.checkoutRequestId())
				.query()
				.listOfRows()
				.stream()
				.findFirst()
				.orElse(null);
			boolean paidInBooks = row != null && "PAID".equals(row.get("state"))
					&& money.receipt().equals(row.get("receipt"))
					&& ((Number) row.get("amount")).longValue() == money.amount();
			if (paidInBooks) {
				inBooks++;
				continue;
			}
			assertThat(money.completedAtOrFail())
				.as("M-Pesa completed %s before the dump began, yet the restored books lack it", money.receipt())
				.isAfter(dumpStarted.minus(APPLIED_WITHIN));
			assertThat(this.source.sql("select state from payments.attempts where checkout_request_id = :id")
				.param("id", money.checkoutRequestId())
				.query(String.class)
				.single()).as("paid after the backup point, in the live books").isEqualTo("PAID");
			afterBackup++;
		}
		List<String> restoredReceipts = restored.sql("select receipt from payments.attempts where state = 'PAID'")
			.query(String.class)
			.list();
		assertThat(restoredReceipts).as("no money M-Pesa does not have")
			.allSatisfy((receipt) -> assertThat(this.mpesa.byReceipt(receipt)).isPresent());
		System.out.printf("Backup under load: %d payments in the restored books, %d paid after the backup point%n",
				inBooks, afterBackup);
		assertThat(inBooks).as("payments the backup holds").isGreaterThanOrEqualTo(20);
		assertThat(afterBackup).as("payments made after the backup point").isGreaterThanOrEqualTo(1);
		restoredSource.getConnection().close();
	}

	/** Runs one of PostgreSQL 15's programs against the server; it must succeed. */
	private static void run(EmbeddedPostgresServer server, String program, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(CLIENT.resolve(program).toString(), "--host=localhost",
				"--port=" + server.port(), "--username=" + server.username()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", server.password());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(program + ": " + output).isZero();
	}

	private static List<String> history(JdbcClient jdbc) {
		return jdbc.sql(
				"select coalesce(version, '') || ' ' || coalesce(checksum::text, '') from public.flyway_schema_history where success order by installed_rank")
			.query(String.class)
			.list();
	}

}
