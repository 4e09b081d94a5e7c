package ke.malipo.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a benchmark's CPU goes and what the database did for it: the JVM's CPU time (app,
 * simulator and the benchmark's own bookkeeping), PostgreSQL's (every server process, and
 * the backends that already ended), and the database's counters of commits and rows. Also
 * pins the app and PostgreSQL to some cores so a load generator can have the others.
 */
final class Machine {

	private static final long TICKS_PER_SECOND = 100;

	private Machine() {
	}

	/** CPU and database counters at one moment. */
	record Reading(long jvmNanos, long postgresNanos, long commits, long walFlushes, long inserted, long updated,
			long deleted, String durability) {

		/**
		 * What happened between {@code before} and this, per unit of work, and whether
		 * the commits waited for the disk. The WAL flushes (the whole server's) are the
		 * waits for the disk; without fsync there are none.
		 */
		String per(Reading before, long units, String unit) {
			return String.format(Locale.ROOT,
					"per %s: JVM %.2f ms CPU, PostgreSQL %.2f ms CPU; %.1f commits, %.1f WAL flushes, "
							+ "%.1f rows inserted, %.1f updated, %.1f deleted (%s)",
					unit, (this.jvmNanos - before.jvmNanos) / 1e6 / units,
					(this.postgresNanos - before.postgresNanos) / 1e6 / units,
					(double) (this.commits - before.commits) / units,
					(double) (this.walFlushes - before.walFlushes) / units,
					(double) (this.inserted - before.inserted) / units,
					(double) (this.updated - before.updated) / units, (double) (this.deleted - before.deleted) / units,
					this.durability);
		}

	}

	/**
	 * Reads the counters. PostgreSQL publishes a backend's counters up to ten seconds
	 * after its last transaction, so the database figures are read after waiting that
	 * long when {@code settle} is set.
	 */
	static Reading read(JdbcClient jdbc, boolean settle) throws Exception {
		if (settle) {
			Thread.sleep(11_000);
		}
		long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		long postgres = postgresTicks() * (1_000_000_000L / TICKS_PER_SECOND);
		return jdbc.sql("""
				select xact_commit, (select wal_sync from pg_stat_wal), tup_inserted, tup_updated, tup_deleted,
				       'fsync ' || current_setting('fsync') || ', synchronous_commit '
				         || current_setting('synchronous_commit')
				  from pg_stat_database where datname = current_database()""")
			.query((rs, row) -> new Reading(jvm, postgres, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5), rs.getString(6)))
			.single();
	}

	static boolean twoCoresOrMore() {
		return Runtime.getRuntime().availableProcessors() >= 2;
	}

	private static List<String> postgresPids() throws IOException, InterruptedException {
		Process pgrep = new ProcessBuilder("pgrep", "-x", "postgres").start();
		String out = new String(pgrep.getInputStream().readAllBytes());
		pgrep.waitFor();
		return out.lines().filter((l) -> !l.isBlank()).toList();
	}

	/** utime + stime of every server process, plus cutime + cstime of the ended ones. */
	private static long postgresTicks() throws IOException, InterruptedException {
		long ticks = 0;
		for (String pid : postgresPids()) {
			try {
				ticks += cpuTicks(pid, true);
			}
			catch (IOException ex) {
				// The process ended between the listing and the read.
			}
		}
		return ticks;
	}

	/**
	 * A process's CPU time in nanoseconds (utime + stime), from {@code /proc}: for a
	 * process this JVM started, such as another server of a benchmark.
	 */
	static long cpuNanos(long pid) throws IOException {
		return cpuTicks(String.valueOf(pid), false) * (1_000_000_000L / TICKS_PER_SECOND);
	}

	/**
	 * utime + stime of a process, with cutime + cstime of its ended children if asked.
	 */
	private static long cpuTicks(String pid, boolean endedChildren) throws IOException {
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields[0] is field 3 of proc(5): utime is 14, stime 15, cutime 16, cstime 17.
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return endedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
	}

}
