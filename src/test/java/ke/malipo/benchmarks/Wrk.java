package ke.malipo.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a load from outside the JVM with {@code wrk} (Debian's package, written in C),
 * so the generator's cost is not the app's: each request is one of a prepared list (a
 * callback with its own token and body), each sent once, spread over wrk's connections.
 * wrk runs for a fixed time and cannot stop after a count, so the caller says when the
 * work is done (read from the database) and wrk is then interrupted, which makes it print
 * its figures for the time it actually ran.
 */
final class Wrk {

	private static final String SCRIPT = """
			-- One wrk thread sends each prepared request once, in order.
			local requests = {}
			local next_index = 1
			local answered = 0
			local pause = 0
			function init(args)
			  pause = tonumber(args[2])
			  for line in io.lines(args[1]) do
			    local first = line:find("\\t")
			    local second = line:find("\\t", first + 1)
			    local headers = { ["Content-Type"] = "application/json" }
			    local authorization = line:sub(first + 1, second - 1)
			    if authorization ~= "" then
			      headers["Authorization"] = authorization
			    end
			    requests[#requests + 1] = wrk.format("POST", line:sub(1, first - 1), headers, line:sub(second + 1))
			  end
			end
			-- A pause (ms) before each request of a connection, to hold a rate: wrk waits for an
			-- answer before the next request of a connection, so the rate is that of the
			-- connections, each pausing, less the answers' own time.
			function delay()
			  return pause
			end
			local verified = false
			function request()
			  if not verified then
			    -- wrk calls request() once before the run to check it, and sends nothing.
			    verified = true
			    return wrk.format("GET", "/actuator/health")
			  end
			  local r = requests[next_index]
			  next_index = next_index + 1
			  if r == nil then
			    -- All sent: the last connections ask for something harmless until stopped.
			    return wrk.format("GET", "/actuator/health")
			  end
			  return r
			end
			function response(status, headers, body)
			  if body:find('"UP"', 1, true) then
			    return
			  end
			  answered = answered + 1
			  if answered >= #requests then
			    wrk.thread:stop()
			  end
			end
			""";

	private Wrk() {
	}

	/**
	 * One request: a path, the Authorization header (empty for none) and a JSON body, on
	 * one line.
	 */
	record Request(String path, String authorization, String body) {

		Request(String path, String body) {
			this(path, "", body);
		}

	}

	/**
	 * wrk's own figures: requests answered, their rate over the time it ran, closed-loop
	 * latencies and answers other than 2xx/3xx.
	 */
	record Result(long requests, double perSecond, String p50, String p90, String p99, long failed, String output) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d requests, %.0f/s, %d not 2xx; latency p50 %s, p90 %s, p99 %s",
					this.requests, this.perSecond, this.failed, this.p50, this.p90, this.p99);
		}

	}

	/**
	 * Sends every request once over {@code connections} connections from one wrk thread
	 * pinned to {@code cpus} (taskset's list), until {@code done} says the work is done.
	 */
	static Result run(int port, List<Request> requests, int connections, String cpus, BooleanSupplier done)
			throws IOException, InterruptedException {
		return run(port, requests, connections, 0, cpus, done);
	}

	/**
	 * The same with each connection pausing {@code pauseMillis} before each request:
	 * about {@code connections * 1000 / pauseMillis} requests a second while answers are
	 * quick.
	 */
	static Result run(int port, List<Request> requests, int connections, int pauseMillis, String cpus,
			BooleanSupplier done) throws IOException, InterruptedException {
		Path folder = Files.createTempDirectory("wrk");
		Path lines = folder.resolve("requests.tsv");
		Files.write(lines,
				requests.stream()
					.map((r) -> r.path() + "\t" + r.authorization() + "\t" + r.body().replace("\n", ""))
					.toList());
		Path script = folder.resolve("requests.lua");
		Files.writeString(script, SCRIPT);
		Process wrk = new ProcessBuilder("taskset", "-c", cpus, "wrk", "-t", "1", "-c", String.valueOf(connections),
				"-d", "600s", "--latency", "-s", script.toString(), "http://127.0.0.1:" + port, "--", lines.toString(),
				String.valueOf(pauseMillis))
			.redirectErrorStream(true)
			.start();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (!done.getAsBoolean() && wrk.isAlive() && System.nanoTime() < deadline) {
			// Not more often: the question costs the database too.
			Thread.sleep(250);
		}
		new ProcessBuilder("kill", "-INT", String.valueOf(wrk.pid())).start().waitFor();
		String output = new String(wrk.getInputStream().readAllBytes());
		wrk.waitFor(30, TimeUnit.SECONDS);
		// The percentiles from the distribution's own lines: the thread statistics above
		// them end in percentages too (a "76.50%" once gave "Latency" as the median).
		return new Result(number(output, "(\\d+) requests in"),
				Double.parseDouble(find(output, "Requests/sec:\\s+([0-9.]+)")), find(output, "(?m)^\\s*50%\\s+(\\S+)"),
				find(output, "(?m)^\\s*90%\\s+(\\S+)"), find(output, "(?m)^\\s*99%\\s+(\\S+)"),
				output.contains("Non-2xx") ? number(output, "Non-2xx or 3xx responses: (\\d+)") : 0, output);
	}

	private static long number(String output, String pattern) {
		return Long.parseLong(find(output, pattern));
	}

	private static String find(String output, String pattern) {
		Matcher matcher = Pattern.compile(pattern).matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk printed no " + pattern + ":\n" + output);
		}
		return matcher.group(1);
	}

}
