package ke.malipo.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.booking.internal.Bookings;
import ke.malipo.common.money.Kes;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserId;
import ke.malipo.identity.internal.Registration;
import ke.malipo.identity.internal.User;
import ke.malipo.support.Api;

/**
 * Approved sessions in bulk for the benchmarks, made through the services (booking over
 * HTTP would take longer than the measurement), and a plain HTTP client shared by the
 * load.
 */
final class BenchmarkFixtures {

	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private BenchmarkFixtures() {
	}

	/** An approved session and the bearer token of its client. */
	record Payable(String session, String clientToken) {
	}

	/**
	 * {@code count} approved sessions spread over {@code pairs} client–psychologist
	 * pairs, an hour apart so none overlap.
	 */
	static List<Payable> approvedSessions(Registration registration, Bookings bookings, Api api, int pairs, int count) {
		List<CurrentUser> clients = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		List<CurrentUser> psychologists = new ArrayList<>();
		for (int i = 0; i < pairs; i++) {
			String tag = UUID.randomUUID().toString().substring(0, 8);
			User client = registration.create(new Registration.NewAccount("Bench Client " + tag,
					"bench-client-" + tag + "@test.ke", "correct-horse-battery", null, Role.CLIENT, null));
			User psychologist = registration.create(new Registration.NewAccount("Bench Psychologist " + tag,
					"bench-psy-" + tag + "@test.ke", "correct-horse-battery", null, Role.PSYCHOLOGIST, Kes.of(1500)));
			clients.add(new CurrentUser(client.id(), client.email(), client.name(), Role.CLIENT));
			psychologists
				.add(new CurrentUser(psychologist.id(), psychologist.email(), psychologist.name(), Role.PSYCHOLOGIST));
			tokens.add(api.login(client.email(), "correct-horse-battery", client.id().value()).token());
		}
		Instant first = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
		List<Payable> payable = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int pair = i % pairs;
			Instant at = first.plus(Duration.ofHours(i / pairs));
			SessionId session = bookings
				.request(clients.get(pair), new UserId(psychologists.get(pair).id().value()), at, 50, null)
				.id();
			bookings.approve(session, psychologists.get(pair));
			payable.add(new Payable(session.value().toString(), tokens.get(pair)));
		}
		return payable;
	}

	static HttpResponse<String> post(int port, String path, String token, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	static HttpResponse<String> get(int port, String path, String token) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Prints a result and keeps it under target/benchmarks for BENCHMARKS.md. */
	static void report(String name, String line) {
		String text = String.format("%s | %s | %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), name, line);
		System.out.print("BENCHMARK " + text);
		try {
			Path file = Files.createDirectories(Path.of("target", "benchmarks")).resolve("results.txt");
			Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
