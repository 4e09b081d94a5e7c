package ke.malipo.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An SMTP server in a JVM of its own, pinned to the load generator's core, for the
 * benchmarks whose work sends email. In the app's JVM (the simulator's mail server when
 * no {@code spring.mail.host} is set) its CPU counted as the app's: 15% of the JVM's
 * samples in F1 (BENCHMARKS.md, "F1 with the receipts counted"). A deployment's mail
 * provider is another machine; this is as near to that as two cores allow. It keeps what
 * it receives, like the simulator's, and ends with the benchmark's JVM (it stops when its
 * standard input closes).
 */
final class MailSink implements AutoCloseable {

	private final Process process;

	private final int port;

	private MailSink(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts the server on a free port, on {@code cpus} (taskset's list). */
	static MailSink start(String cpus) throws IOException {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		List<String> command = new ArrayList<>(
				List.of("taskset", "-c", cpus, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Xmx512m", "-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-cp",
						System.getProperty("java.class.path"), MailSink.class.getName(), String.valueOf(port)));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
			if (line == null) {
				throw new IllegalStateException("The mail server ended before it was ready");
			}
		}
		Thread.ofVirtual().start(() -> out.lines().forEach((line) -> {
		}));
		return new MailSink(process, port);
	}

	int port() {
		return this.port;
	}

	/** The server's CPU time so far (its JVM's utime + stime), in nanoseconds. */
	long cpuNanos() throws IOException {
		return Machine.cpuNanos(this.process.pid());
	}

	/** CPU per unit of work between two readings of {@link #cpuNanos()}. */
	static String per(long before, long after, long units, String unit) {
		return String.format(Locale.ROOT, "per %s: mail server (its own JVM) %.2f ms CPU", unit,
				(after - before) / 1e6 / units);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	/** The server's own JVM: receives on the given port until standard input closes. */
	public static void main(String[] args) throws IOException {
		GreenMail server = new GreenMail(
				new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		System.out.println("ready");
		System.out.flush();
		while (System.in.read() >= 0) {
			// Nothing comes; the read ends when the benchmark's JVM does.
		}
		server.stop();
	}

}
