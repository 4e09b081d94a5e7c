package ke.malipo.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.FeedRows;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations' metrics as Prometheus reads them (issue 15): the scrape endpoint opens to
 * the scrape token or an admin only, and after a seeded run through the simulator the
 * counts are the ones its ground truth predicts (each test-block number's last digit
 * picks its outcome): payments by outcome and code, the funnel, processing times,
 * Daraja's calls, and the state gauges. Counters grow across the suite's tests in one
 * context, so the run is measured as the difference between two scrapes.
 */
@MalipoIntegrationTest
class OperationsMetricsTests {

	private static final String TOKEN = "test-scrape-token-0123456789-abcdefghij";

	@Autowired
	Api api;

	@LocalServerPort
	int port;

	@Autowired
	ke.malipo.payments.PaymentStatistics statistics;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	org.springframework.modulith.events.core.EventSerializer serializer;

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * A reader that stays on a row shows how old that row is (MalipoFeedReaderBehind);
	 * one that has read everything shows nothing.
	 */
	@Test
	void aReaderStuckBehindShowsTheAgeOfItsOldestUnreadRow() {
		FeedRows.append(this.transactions, this.jdbc, this.serializer, FeedRows
			.started(ke.malipo.payments.PaymentId.random(), java.time.Instant.parse("2026-11-30T06:00:00Z")));
		Map<String, Object> last = this.jdbc
			.sql("select tx::text as tx, position, recorded_at from payments.feed order by position desc limit 1")
			.query()
			.singleRow();
		java.time.Instant recorded = ((java.sql.Timestamp) last.get("recorded_at")).toInstant();
		// One reader placed just before that row, as one stuck on it would be; one past
		// every row there can be.
		this.jdbc
			.sql("""
					insert into payments.feed_readers (name, tx, position)
					values ('stuck-test', :tx::xid8, :position - 1), ('done-test', '18446744073709551615', 9223372036854775807)
					""")
			.param("tx", last.get("tx"))
			.param("position", last.get("position"))
			.update();
		try {
			Map<String, java.util.Optional<java.time.Instant>> unread = this.statistics.feedUnreadSince();
			assertThat(unread.get("stuck-test")).contains(recorded);
			assertThat(unread.get("done-test")).isEmpty();
			assertThat(unread).containsKeys("audit", "finance", "insights", "notifications", "reconciliation");
		}
		finally {
			this.jdbc.sql("delete from payments.feed_readers where name in ('stuck-test', 'done-test')").update();
		}
	}

	@Test
	void theScrapeEndpointOpensToTheTokenOrAnAdminOnly() throws Exception {
		assertThat(scrape(null).statusCode()).as("anonymous").isEqualTo(401);
		assertThat(scrape("a-wrong-token-of-the-same-length-abcdefg").statusCode()).as("wrong token").isEqualTo(401);
		HttpResponse<String> scraped = scrape(TOKEN);
		assertThat(scraped.statusCode()).isEqualTo(200);
		assertThat(scraped.body()).contains("# TYPE malipo_payments_unresolved_oldest_age_seconds gauge")
			.contains("malipo_mpesa_callbacks_last_age_seconds")
			.contains("malipo_daraja_circuit_open")
			.contains("application=\"malipo\"");
		for (String reader : List.of("audit", "finance", "insights", "notifications", "reconciliation")) {
			assertThat(scraped.body())
				.contains("malipo_payments_feed_behind_seconds{application=\"malipo\",reader=\"" + reader + "\"}");
		}
		assertThat(new PageSession(this.port).signIn(this.api.admin()).get("/actuator/prometheus").statusCode())
			.as("an admin signed in to the pages")
			.isEqualTo(200);
		assertThat(new PageSession(this.port).signIn(this.api.client()).get("/actuator/prometheus").statusCode())
			.as("a client")
			.isEqualTo(403);
		// A token in the query string is not a token.
		assertThat(this.http
			.send(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus?token=" + TOKEN))).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(401);
	}

	@Test
	void aSeededRunIsCountedAsTheSimulatorsGroundTruthPredicts() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1500);
		// Last digits: 0 pays, 1 cancels (1032), 4 is a wrong PIN (2001).
		List<Integer> digits = List.of(0, 0, 0, 1, 1, 4);
		String before = scrape(TOKEN).body();
		java.time.Instant start = java.time.Instant.now();
		for (int i = 0; i < digits.size(); i++) {
			String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3, 2 * i);
			String expected = (digits.get(i) == 0) ? "PAID" : "FAILED";
			assertThat(this.api
				.post("/api/mpesa/initiate", client.token(),
						Map.of("sessionId", session, "phoneNumber", TestPhones.local(digits.get(i))))
				.status()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(15))
				.until(() -> expected
					.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		}
		// Counted once each change commits: wait for the last to show.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> delta(before, scrape(TOKEN).body(), "malipo_payments_processing_seconds_count",
					Map.of()) >= 6);
		String after = scrape(TOKEN).body();

		assertThat(delta(before, after, "malipo_payments_total", Map.of("outcome", "paid", "result_code", "0")))
			.isEqualTo(3);
		assertThat(delta(before, after, "malipo_payments_total", Map.of("outcome", "declined", "result_code", "1032")))
			.isEqualTo(2);
		assertThat(delta(before, after, "malipo_payments_total", Map.of("outcome", "declined", "result_code", "2001")))
			.isEqualTo(1);
		assertThat(delta(before, after, "malipo_payments_total", Map.of("outcome", "failed"))).isZero();
		// The watch's own figures, from the database, agree.
		ke.malipo.payments.PaymentStatistics.Outcomes outcomes = this.statistics.outcomesSince(start);
		assertThat(outcomes.paid()).isEqualTo(3);
		assertThat(outcomes.failedByCode()).isEqualTo(Map.of("1032", 2, "2001", 1));
		assertThat(outcomes.averageSeconds()).isBetween(0.0, 60.0);
		assertThat(delta(before, after, "malipo_payments_funnel_total", Map.of("step", "initiated"))).isEqualTo(6);
		assertThat(delta(before, after, "malipo_payments_funnel_total", Map.of("step", "accepted"))).isEqualTo(6);
		assertThat(delta(before, after, "malipo_payments_funnel_total", Map.of("step", "paid"))).isEqualTo(3);
		assertThat(delta(before, after, "malipo_payments_processing_seconds_count", Map.of())).isEqualTo(6);
		// Every payment ended within a minute: all six sit in the 60-second bucket.
		assertThat(delta(before, after, "malipo_payments_processing_seconds_bucket", Map.of("le", "60.0")))
			.isEqualTo(6);
		assertThat(delta(before, after, "malipo_daraja_calls_seconds_count",
				Map.of("endpoint", "stkpush", "outcome", "ok")))
			.isGreaterThanOrEqualTo(6);
		assertThat(value(after, "malipo_daraja_circuit_open", Map.of())).isZero();
		// The three paid callbacks carried M-Pesa's TransactionDate: their lag is
		// measured,
		// within a minute of it (the simulator calls back at once; its date is to the
		// second).
		assertThat(delta(before, after, "malipo_mpesa_callback_lag_seconds_count", Map.of())).isEqualTo(3);
		assertThat(delta(before, after, "malipo_mpesa_callback_lag_seconds_bucket", Map.of("le", "60.0"))).isEqualTo(3);
		assertThat(value(after, "malipo_mpesa_callbacks_last_age_seconds", Map.of())).as("a callback just came")
			.isLessThan(60);
		assertThat(delta(before, after, "malipo_notifications_deliveries_total",
				Map.of("channel", "in_app", "status", "delivered")))
			.as("the client told of each outcome in the app")
			.isGreaterThanOrEqualTo(6);

		// Every series the alert rules and the dashboard ask for exists under that name
		// (a renamed meter would leave an alert that can never fire).
		Account admin = this.api.admin();
		java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Africa/Nairobi")).minusDays(1);
		assertThat(this.api
			.post("/api/reconciliation/run", admin.token(),
					Map.of("from", yesterday.toString(), "to", yesterday.toString()))
			.status()).isEqualTo(200);
		String everything = await().atMost(Duration.ofSeconds(10))
			.until(() -> scrape(TOKEN).body(), (body) -> body.contains("malipo_reconciliation_runs_total"));
		java.util.Set<String> asked = new java.util.TreeSet<>();
		for (String file : List.of("ops/prometheus/alerts.yml", "ops/grafana/malipo-dashboard.json")) {
			Matcher name = Pattern.compile("malipo_[a-z_]+")
				.matcher(java.nio.file.Files.readString(java.nio.file.Path.of(file)));
			while (name.find()) {
				asked.add(name.group());
			}
		}
		assertThat(asked).hasSizeGreaterThanOrEqualTo(12);
		for (String series : asked) {
			assertThat(everything).as(series).containsPattern("(?m)^" + Pattern.quote(series) + "[{ ]");
		}
	}

	@Test
	void healthShowsMpesaToAdminsAndTheProbesStayApart() throws Exception {
		PageSession admin = new PageSession(this.port).signIn(this.api.admin());
		JsonNode health = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(admin.get("/actuator/health").body());
		assertThat(health.get("components").get("mpesa").get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("mpesa").get("details").get("token").asString())
			.isEqualTo("obtainable");
		String readiness = this.http
			.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness"))).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(readiness).contains("\"UP\"").doesNotContain("mpesa");
		String anonymous = this.http
			.send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(anonymous).as("no details for anyone").doesNotContain("mpesa");
	}

	private HttpResponse<String> scrape(@org.jspecify.annotations.Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/actuator/prometheus")));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static double delta(String before, String after, String name, Map<String, String> labels) {
		return value(after, name, labels) - value(before, name, labels);
	}

	/** The sum of a metric's samples whose labels include these. */
	static double value(String scrape, String name, Map<String, String> labels) {
		Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE);
		double sum = 0;
		Matcher found = sample.matcher(scrape);
		while (found.find()) {
			String have = (found.group(2) != null) ? found.group(2) : "";
			boolean all = labels.entrySet()
				.stream()
				.allMatch((label) -> have.contains(label.getKey() + "=\"" + label.getValue() + "\""));
			if (all) {
				sum += Double.parseDouble(found.group(3));
			}
		}
		return sum;
	}

}
