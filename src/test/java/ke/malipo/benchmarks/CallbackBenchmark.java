package ke.malipo.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import ke.malipo.benchmarks.BenchmarkFixtures.Payable;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.FeedRows;
import ke.malipo.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * quality.md F1 and Property 53 (Callback Processing Time): valid STK success callbacks,
 * each authenticated by its token, stored raw, applied to the attempt and the session
 * with its events; first from {@code wrk} (outside the JVM, pinned to the second core) as
 * fast as 8 connections get answers, then at half that rate, open loop from the JVM, for
 * latency. In the same run {@code pgbench} (Debian's postgresql-client), on the
 * generator's core, runs the bare SQL of one callback (store the row, update the attempt,
 * update the session, insert an event) against the same PostgreSQL, which gives the
 * ceiling the target is measured against. Each measurement also reports the CPU and
 * database work per callback or transaction. The receipts each paid callback causes go to
 * an SMTP server in a JVM of its own on the generator's core, as to a provider. Run with
 * {@code ./mvnw -Pbenchmarks test -Dtest=CallbackBenchmark}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.simulator.prompt-timeout=30m", "malipo.payments.direct-query-after=30m",
				"logging.level.ke.malipo=warn",
				// The receipts go out as fast as the app can send them: what is measured
				// is
				// the app's work, not a provider's sending limit.
				"malipo.notifications.mail-per-second=1000" })
@Import({ Api.Configuration.class, ServerTimes.Configuration.class })
class CallbackBenchmark extends AppBenchmark {

	private static final int BATCH = 3000;

	/** The receipts' SMTP server, outside the app's JVM (see {@link MailSink}). */
	private static MailSink mail;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) throws IOException {
		mail = MailSink.start("1");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", mail::port);
	}

	@AfterAll
	static void stopMailServer() throws InterruptedException {
		mail.close();
	}

	@Test
	void callbackThroughputAgainstBareSql() throws Exception {
		assertThat(Machine.twoCoresOrMore()).as("the servers and the load generator each need a core").isTrue();
		send(awaitingCallbacks(500));

		// wrk and pgbench on core 1; the app and PostgreSQL free to use both (pinned to
		// core 0 after start, the JVM's virtual-thread scheduler, sized for two cores,
		// spun for work on one: a cost no deployment has).
		List<Callback> ceilingRun = awaitingCallbacks(BATCH);
		awaitQuiet();
		Machine.Reading before = Machine.read(this.jdbc, true);
		long mailBefore = mail.cpuNanos();
		Wrk.Result ceiling;
		try (QuerySampler sampler = new QuerySampler(this.jdbc)) {
			ceiling = send(ceilingRun);
			BenchmarkFixtures.report("F1 callbacks, PostgreSQL's time by statement", sampler.top(25));
		}
		Machine.Reading after = Machine.read(this.jdbc, true);
		long mailAfter = mail.cpuNanos();
		BenchmarkFixtures.report("F1 callbacks from wrk (8 connections, on core 1)", ceiling.toString());
		Applied applied = applied(ceilingRun);
		BenchmarkFixtures.report("F1 callbacks, as applied", applied.toString());
		BenchmarkFixtures.report("F1 callbacks, cost", after.per(before, BATCH, "callback"));
		BenchmarkFixtures.report("F1 callbacks, the receipts' mail server",
				MailSink.per(mailBefore, mailAfter, BATCH, "callback"));
		assertThat(ceiling.failed()).isZero();
		assertThat(paid(ceilingRun)).as("every callback applied").isEqualTo(BATCH);

		awaitQuiet();
		Pgbench pgbench = pgbench();
		BenchmarkFixtures.report("F1 pgbench, the bare SQL of one callback (8 clients, on core 1)",
				String.format(Locale.ROOT, "%.0f transactions/s; the app applied %.0f%% of it", pgbench.perSecond(),
						100 * applied.perSecond() / pgbench.perSecond()));
		BenchmarkFixtures.report("F1 pgbench, cost", pgbench.cost());

		// Half the rate, open loop from the JVM (wrk cannot hold a rate).
		int rate = (int) (applied.perSecond() / 2);
		List<Callback> paced = awaitingCallbacks(rate * 15);
		awaitQuiet();
		this.serverTimes.reset();
		Load.Latencies run = Load.atRate(rate, paced.size(), (i) -> deliver(paced.get(i)));
		BenchmarkFixtures.report("F1 callbacks at half that rate (" + rate + "/s), as M-Pesa would see it",
				run.toString());
		BenchmarkFixtures.report("F1 callbacks at " + rate + "/s, server time",
				this.serverTimes.of("/api/payments/stk-callback").latencyOnly());
		assertThat(run.errors()).isZero();
		// The half-rate run's receipts go out before the mail server stops.
		awaitQuiet();
	}

	/**
	 * Sends the callbacks from wrk and waits until each is applied, everything that
	 * listens to payments has heard of it, and every email due (the receipts) is sent:
	 * the work a callback causes is measured whole, and the next measurement starts
	 * quiet.
	 */
	private Wrk.Result send(List<Callback> callbacks) throws Exception {
		java.sql.Timestamp start = java.sql.Timestamp.from(java.time.Instant.now());
		Wrk.Result result = Wrk.run(this.port,
				callbacks.stream().map((c) -> new Wrk.Request(c.path(), c.body())).toList(), 8, "1",
				() -> storedSince(start) >= callbacks.size());
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while ((paid(callbacks) < callbacks.size() || openPublications(start) > 0 || emailsDue() > 0)
				&& System.nanoTime() < deadline) {
			// Seldom: each look is a query on the cores being measured.
			Thread.sleep(1000);
		}
		assertThat(paid(callbacks)).as("callbacks applied").isEqualTo(callbacks.size());
		assertThat(openPublications(start)).as("listeners still to hear of them").isZero();
		assertThat(emailsDue()).as("emails still to send").isZero();
		return result;
	}

	/**
	 * Waits until no publication is open, no feed row unread and no email due: booking
	 * the sessions a run pays for leaves emails to send that must not be counted in it.
	 */
	private void awaitQuiet() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		java.sql.Timestamp any = java.sql.Timestamp.from(java.time.Instant.EPOCH);
		while ((openPublications(any) > 0 || emailsDue() > 0) && System.nanoTime() < deadline) {
			Thread.sleep(1000);
		}
		assertThat(emailsDue()).as("emails still to send").isZero();
	}

	/** Emails due now, taken by a sender, or being sent. */
	private int emailsDue() {
		return this.jdbc.sql("""
				select count(*) from notifications.outbox where channel = 'EMAIL'
				   and (status in ('CLAIMED', 'SENDING') or (status = 'QUEUED' and next_try_at <= now()))""")
			.query(Integer.class)
			.single();
	}

	/**
	 * How fast callbacks were applied: seconds from the first one's arrival to the last
	 * arrival, to the last application, and to the last follow-up work of any module.
	 */
	private record Applied(long count, double received, double applied, double listenersDone) {

		double perSecond() {
			return this.count / this.applied;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%d callbacks: all received in %.1f s, all applied in %.1f s (%.0f/s), every listener done and "
							+ "every receipt sent %.1f s after the first arrived",
					this.count, this.received, this.applied, perSecond(), this.listenersDone);
		}

	}

	private Applied applied(List<Callback> callbacks) {
		return this.jdbc.sql("""
				with mine as (select received_at, processed_at from payments.callback_inbox i
				  join payments.attempts a on a.id = i.attempt_id where a.checkout_request_id = any(:ids))
				select count(*), extract(epoch from max(received_at) - min(received_at)),
				  extract(epoch from max(processed_at) - min(received_at)),
				  extract(epoch from greatest((select max(completion_date) from events.event_publication),
				    (select max(read_at) from payments.feed_readers),
				    (select max(sent_at) from notifications.outbox where channel = 'EMAIL')) - min(received_at))
				 from mine""")
			.param("ids", checkouts(callbacks))
			.query((rs, row) -> new Applied(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
			.single();
	}

	/** Callbacks stored since then (the benchmark is the only sender). */
	private int storedSince(java.sql.Timestamp start) {
		return this.jdbc
			.sql("select count(*) from payments.callback_inbox where received_at >= :start and attempt_id is not null")
			.param("start", start)
			.query(Integer.class)
			.single();
	}

	/**
	 * Publications not yet completed, and rows of payments' change feed some reader has
	 * still to apply.
	 */
	private int openPublications(java.sql.Timestamp since) {
		return this.jdbc.sql("""
				select (select count(*) from events.event_publication where completion_date is null
				         and publication_date >= :since) + (%s)""".formatted(FeedRows.UNREAD))
			.param("since", since)
			.query(Integer.class)
			.single();
	}

	private static String[] checkouts(List<Callback> callbacks) {
		return callbacks.stream().map(Callback::checkout).toArray(String[]::new);
	}

	/** A prompt waiting on the simulated phone, and the success callback that ends it. */
	private record Callback(String path, String body, String checkout) {
	}

	private List<Callback> awaitingCallbacks(int count) throws Exception {
		List<Payable> sessions = approvedSessions(40, count);
		List<String> checkouts = new ArrayList<>();
		Load.asFastAsPossible(8, count, (i) -> {
			var answer = initiate(sessions.get(i), 9);
			Matcher checkout = Pattern.compile("\"checkoutRequestId\":\"([^\"]+)\"").matcher(answer.body());
			if (answer.statusCode() != 202 || !checkout.find()) {
				return false;
			}
			synchronized (checkouts) {
				checkouts.add(checkout.group(1));
			}
			return true;
		});
		List<Callback> callbacks = new ArrayList<>();
		for (String checkout : checkouts) {
			SimulatedTransaction prompt = this.simulator.transaction(checkout).orElseThrow();
			String receipt = "B"
					+ Long.toString(Math.abs(checkout.hashCode()) % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
			receipt = receipt + "0".repeat(10 - receipt.length());
			String body = PaymentTestSupport.successCallback(prompt.merchantRequestId(), checkout, prompt.amount(),
					receipt, prompt.phone());
			callbacks.add(new Callback(URI.create(prompt.callbackUrl()).getPath(), body, checkout));
		}
		return callbacks;
	}

	private boolean deliver(Callback callback) {
		return BenchmarkFixtures.post(this.port, callback.path(), null, callback.body()).statusCode() == 200;
	}

	private int paid(List<Callback> callbacks) {
		return this.jdbc
			.sql("select count(*) from payments.attempts where state = 'PAID' and checkout_request_id = any(:ids)")
			.param("ids", checkouts(callbacks))
			.query(Integer.class)
			.single();
	}

	/**
	 * The bare transaction of one callback, as pgbench runs it against the same server
	 * for 20 seconds with 8 clients.
	 */
	private Pgbench pgbench() throws Exception {
		this.jdbc.sql("""
				drop schema if exists bench cascade;
				create schema bench;
				create table bench.inbox (id uuid primary key, attempt_id bigint, received_at timestamptz not null,
				  source text, body text not null, status text not null, tries int not null default 0);
				create table bench.attempts (id bigint primary key, state text not null, receipt text unique,
				  result_code text, updated_at timestamptz, version int not null default 0);
				create table bench.sessions (id bigint primary key, status text not null, payment_status text not null,
				  mpesa_receipt_number text unique, updated_at timestamptz, version int not null default 0);
				create table bench.events (id uuid primary key, listener_id text not null, event_type text not null,
				  serialized_event text not null, publication_date timestamptz not null);
				insert into bench.attempts (id, state) select g, 'AWAITING_CUSTOMER' from generate_series(1, 100000) g;
				insert into bench.sessions (id, status, payment_status) select g, 'APPROVED', 'PROCESSING'
				  from generate_series(1, 100000) g;
				""").update();
		Path script = Files.createTempFile("callback", ".sql");
		String body = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"29115-34620561-1\",\"CheckoutRequestID\":"
				+ "\"ws_CO_191220191020363925\",\"ResultCode\":0,\"ResultDesc\":\"The service request is processed "
				+ "successfully.\",\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":1500},{\"Name\":"
				+ "\"MpesaReceiptNumber\",\"Value\":\"NLJ7RT61SV\"},{\"Name\":\"PhoneNumber\",\"Value\":254708374149}]}}}}";
		Files.writeString(script,
				"""
						\\set id random(1, 100000)
						BEGIN;
						INSERT INTO bench.inbox (id, attempt_id, received_at, source, body, status)
						  VALUES (gen_random_uuid(), :id, now(), '127.0.0.1', '%s', 'APPLIED');
						UPDATE bench.attempts SET state = 'PAID', receipt = md5(random()::text), result_code = '0',
						  updated_at = now(), version = version + 1 WHERE id = :id;
						UPDATE bench.sessions SET status = 'CONFIRMED', payment_status = 'PAID',
						  mpesa_receipt_number = md5(random()::text), updated_at = now(), version = version + 1 WHERE id = :id;
						INSERT INTO bench.events (id, listener_id, event_type, serialized_event, publication_date)
						  VALUES (gen_random_uuid(), 'ke.malipo.Listener.on(PaymentConfirmed)', 'ke.malipo.payments.PaymentEvent',
						  '%s', now());
						COMMIT;
						"""
					.formatted(body, body));
		Matcher url = Pattern.compile("//([^:/]+):(\\d+)/([^?]+)")
			.matcher(((HikariDataSource) this.dataSource).getJdbcUrl());
		assertThat(url.find()).isTrue();
		ProcessBuilder command = new ProcessBuilder("taskset", "-c", "1", "pgbench", "-n", "-c", "8", "-j", "2", "-T",
				"20", "-f", script.toString(), "-h", url.group(1), "-p", url.group(2), "-U", "postgres", url.group(3))
			.redirectErrorStream(true);
		command.environment().put("PGPASSWORD", ((HikariDataSource) this.dataSource).getPassword());
		Machine.Reading before = Machine.read(this.jdbc, true);
		Process pgbench = command.start();
		String output = new String(pgbench.getInputStream().readAllBytes());
		assertThat(pgbench.waitFor(60, TimeUnit.SECONDS)).isTrue();
		Machine.Reading after = Machine.read(this.jdbc, true);
		Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
		Matcher count = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(output);
		assertThat(tps.find() && count.find()).as(output).isTrue();
		this.jdbc.sql("drop schema bench cascade").update();
		long transactions = Long.parseLong(count.group(1));
		return new Pgbench(Double.parseDouble(tps.group(1)), after.per(before, transactions, "transaction"));
	}

	private record Pgbench(double perSecond, String cost) {
	}

}
