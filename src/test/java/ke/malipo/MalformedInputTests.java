package ke.malipo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.core.Gen;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * quality.md R5 at test scale: generated malformed bodies and parameters sent to every
 * public endpoint that reads one (register, login, book, initiate, the STK callback with
 * a real token, an admin decision, the desk's filters, the simulated Daraja) never get a
 * 5xx, are never accepted, always get a problem detail with a code, and change nothing.
 * Raise the count with {@code -Dmalformed.examples=N} per endpoint (the default keeps the
 * suite fast).
 */
@MalipoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTests {

	/**
	 * Generated bodies per target (7 targets) and filter queries; quality.md R5's full
	 * scale runs in {@code MalformedInputBenchmark}.
	 */
	int examples() {
		return Integer.getInteger("malformed.examples", 250);
	}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SimulatedDaraja simulator;

	@Value("${local.server.port}")
	int port;

	private Account client;

	private Account admin;

	private String callbackPath;

	private String attempt;

	@BeforeAll
	void aPaymentWaitingForItsCallback() {
		this.client = this.api.client();
		this.admin = this.api.admin();
		Account psychologist = this.api.psychologist(1300);
		String session = PaymentTestSupport.approvedSession(this.api, this.client, psychologist, 4);
		Api.Response started = this.api.post("/api/mpesa/initiate", this.client.token(),
				Map.of("sessionId", session, "phoneNumber", TestPhones.local(9)));
		this.attempt = started.text("paymentId");
		this.callbackPath = "/api/payments/stk-callback/" + PaymentTestSupport
			.tokenOf(this.simulator.transaction(started.text("checkoutRequestId")).orElseThrow());
	}

	@Test
	void malformedBodiesNeverBreakAnEndpointOrChangeAnything() {
		long before = fingerprint();
		List<Target> targets = List.of(new Target("/api/auth/register", null, REGISTER),
				new Target("/api/auth/login", null, "{\"email\":\"a@b.ke\",\"password\":\"correct-horse\"}"),
				new Target("/api/sessions", this.client.token(),
						"{\"psychologistId\":\"8d1c8a1e-3c59-4f7e-9a53-2f7a3c1f2b10\",\"scheduledAt\":\"2027-01-05T10:00:00+03:00\"}"),
				new Target("/api/mpesa/initiate", this.client.token(),
						"{\"sessionId\":\"8d1c8a1e-3c59-4f7e-9a53-2f7a3c1f2b10\",\"phoneNumber\":\"0712345678\"}"),
				new Target(this.callbackPath, null, CALLBACK),
				new Target("/api/admin/transactions/" + this.attempt + "/resolve", this.admin.token(),
						"{\"outcome\":\"PAID\",\"mpesaReceiptNumber\":\"TAB1CD2EF3\",\"reason\":\"seen in the portal\"}"),
				new Target("/simulator/daraja/mpesa/stkpush/v1/processrequest", null,
						"{\"BusinessShortCode\":\"174379\",\"Amount\":\"1\"}"));
		List<String> failures = new ArrayList<>();
		for (Target target : targets) {
			qt().withExamples(examples()).withFixedSeed(5L).forAll(malformed(target.sample())).checkAssert((body) -> {
				HttpResponse<String> answer = post(target, body);
				if (answer.statusCode() < 400 || answer.statusCode() >= 500 || !isProblem(answer)) {
					failures.add(target.path() + " " + answer.statusCode() + " for " + abbreviate(body) + ": "
							+ abbreviate(answer.body()));
				}
			});
		}
		assertThat(failures).isEmpty();
		assertThat(fingerprint()).as("no account, session or payment was added").isEqualTo(before);
		// The only callback that may settle the waiting payment is the simulator's own
		// timeout (1037) once its prompt expires; no fuzzed body ever applies.
		assertThat(this.jdbc.sql("""
				select count(*) from payments.callback_inbox
				 where attempt_id = cast(:id as uuid) and status in ('APPLIED', 'DUPLICATE', 'RECEIVED')
				   and body not like '%"ResultCode":1037%'""").param("id", this.attempt).query(Integer.class).single())
			.isZero();
		assertThat(this.api.get("/api/mpesa/status/" + sessionOfAttempt(), this.client.token()).text("attemptState"))
			.isIn("AWAITING_CUSTOMER", "FAILED");
	}

	/** Bodies the generated run once got through or turned into a 500; now plain 400s. */
	@Test
	void theBodiesThatOnceGotThroughAreRefused() {
		Target register = new Target("/api/auth/register", null, REGISTER);
		HttpResponse<String> coerced = post(register, REGISTER.replace("\"Amani\"", "true"));
		assertThat(coerced.statusCode()).isEqualTo(400);
		assertThat(coerced.body()).contains("VALIDATION_FAILED").contains("name");
		assertThat(post(register, REGISTER + " {\"role\":\"ADMIN\"}").statusCode()).isEqualTo(400);
		HttpResponse<String> nul = post(register, REGISTER.replace("Amani", "Am\\u0000ani"));
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(nul.body()).contains("INVALID_TEXT");
		HttpResponse<String> huge = post(new Target(this.callbackPath, null, CALLBACK),
				CALLBACK.replace("\"MerchantRequestID\":\"1\"", "\"MerchantRequestID\":1e400"));
		assertThat(huge.statusCode()).isEqualTo(400);
		assertThat(huge.body()).contains("MALFORMED_CALLBACK");
	}

	@Test
	void malformedFiltersOfTheDeskAreRefusedPlainly() {
		Gen<String> values = strings().allPossible().ofLengthBetween(0, 40);
		qt().withExamples(examples()).withFixedSeed(6L).forAll(values, values, values).checkAssert((a, b, c) -> {
			String query = "q=" + enc(a) + "&status=" + enc(b) + "&from=" + enc(c) + "&to=" + enc(a) + "&psychologist="
					+ enc(b) + "&page=" + enc(c) + "&size=" + enc(a);
			HttpResponse<String> answer = send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/admin/transactions?" + query))
				.header("Authorization", "Bearer " + this.admin.token())
				.GET()
				.build());
			assertThat(answer.statusCode()).as(query).isIn(200, 400);
			if (answer.statusCode() == 400) {
				assertThat(isProblem(answer)).as(answer.body()).isTrue();
			}
		});
	}

	private static final String REGISTER = "{\"name\":\"Amani\",\"email\":\"amani@test.ke\",\"password\":\"correct-horse-battery\","
			+ "\"phoneNumber\":\"0712345678\",\"role\":\"CLIENT\"}";

	private static final String CALLBACK = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1\",\"CheckoutRequestID\":\"x\","
			+ "\"ResultCode\":0,\"ResultDesc\":\"ok\",\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":1300}]}}}}";

	/**
	 * Bodies that must be refused: random text, broken JSON, JSON of the wrong shape, and
	 * the sample with one value replaced by something no field accepts.
	 */
	private static Gen<String> malformed(String sample) {
		Gen<String> text = strings().allPossible().ofLengthBetween(0, 200);
		Gen<String> junkValue = integers().between(0, 9).map((i) -> switch (i) {
			case 0 -> "null";
			case 1 -> "[]";
			case 2 -> "{}";
			case 3 -> "1e400";
			case 4 -> "-99999999999999999999999";
			case 5 -> "\"" + "x".repeat(20_000) + "\"";
			case 6 -> "true";
			case 7 -> "\"\\u0000\"";
			case 8 -> "{\"$ne\":null}";
			default -> "\"\"";
		});
		return integers().between(0, 5).zip(text, junkValue, integers().between(0, 1000), (kind, random, junk, at) -> {
			List<int[]> values = valueSpans(sample);
			return switch (kind) {
				case 0 -> random;
				case 1 -> sample.substring(0, at % sample.length());
				case 2 -> "[" + sample + "]";
				case 3 -> {
					int[] span = values.get(at % values.size());
					yield sample.substring(0, span[0]) + junk + sample.substring(span[1]);
				}
				case 4 ->
					sample.replace("{", "{\"" + random.replace("\"", "") + "\":" + junk + ",").replaceFirst(",}", "}")
							+ junk;
				default -> "{" + random + "}";
			};
		});
	}

	/** Where the values of a flat or nested JSON sample start and end. */
	private static List<int[]> valueSpans(String json) {
		List<int[]> spans = new ArrayList<>();
		for (int i = json.indexOf(':'); i >= 0; i = json.indexOf(':', i + 1)) {
			int start = i + 1;
			if (json.charAt(start) == '{' || json.charAt(start) == '[') {
				continue;
			}
			int end = start;
			if (json.charAt(start) == '"') {
				end = json.indexOf('"', start + 1) + 1;
			}
			else {
				while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
					end++;
				}
			}
			spans.add(new int[] { start, end });
		}
		return spans;
	}

	private HttpResponse<String> post(Target target, String body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + target.path()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (target.token() != null) {
			request.header("Authorization", "Bearer " + target.token());
		}
		return send(request.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * A refusal explains itself: a problem detail with a stable code. The simulator
	 * answers as Daraja does, with Daraja's own error body.
	 */
	private static boolean isProblem(HttpResponse<String> answer) {
		if (answer.statusCode() < 400) {
			return true;
		}
		String type = answer.headers().firstValue("Content-Type").orElse("");
		return (type.startsWith("application/problem+json") && answer.body().contains("\"code\""))
				|| (type.startsWith("application/json") && answer.body().contains("\"errorCode\""));
	}

	/** What must not change: the number of accounts, sessions and attempts. */
	private long fingerprint() {
		return this.jdbc.sql("""
				select (select count(*) from identity.users) * 1000003
				     + (select count(*) from booking.sessions) * 1009
				     + (select count(*) from payments.attempts)""").query(Long.class).single();
	}

	private String sessionOfAttempt() {
		return this.jdbc.sql("select session_id::text from payments.attempts where id = cast(:id as uuid)")
			.param("id", this.attempt)
			.query(String.class)
			.single();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		return (text.length() > 160) ? text.substring(0, 160) + "…" : text;
	}

	/** An endpoint, the token it needs and a body it would accept. */
	private record Target(String path, String token, String sample) {
	}

}
