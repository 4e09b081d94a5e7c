package ke.malipo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free local port that answers each path from a queue of canned
 * responses (the last one repeats) and records what it received: a stand-in for Daraja in
 * contract tests, and a callback receiver in simulator tests.
 */
public final class StubServer implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Deque<Canned>> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	public StubServer() {
		this(0);
	}

	/** A stub on a given port (0 for any free one). */
	public StubServer(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** A port nothing listens on yet, for a server that will appear later. */
	public static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Queues answers for a path; the last one keeps answering once the others are used.
	 */
	public StubServer on(String path, Canned... canned) {
		this.answers.put(path, new ArrayDeque<>(List.of(canned)));
		return this;
	}

	public int hits(String path) {
		return this.hits.getOrDefault(path, new AtomicInteger()).get();
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public List<Received> received(String pathPrefix) {
		return this.received.stream().filter((r) -> r.path().startsWith(pathPrefix)).toList();
	}

	public static Canned json(int status, String body) {
		return new Canned(status, body, Duration.ZERO);
	}

	public static Canned slow(Duration delay, int status, String body) {
		return new Canned(status, body, delay);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
				exchange.getRequestHeaders().getFirst("Authorization"), body));
		this.hits.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
		Deque<Canned> queue = this.answers.get(path);
		Canned canned;
		if (queue == null) {
			canned = new Canned(200, "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}", Duration.ZERO);
		}
		else {
			synchronized (queue) {
				canned = (queue.size() > 1) ? queue.pollFirst() : queue.peekFirst();
			}
		}
		if (!canned.delay().isZero()) {
			try {
				Thread.sleep(canned.delay());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	public record Canned(int status, String body, Duration delay) {
	}

	public record Received(String method, String path, String query, String authorization, String body) {
	}

}
