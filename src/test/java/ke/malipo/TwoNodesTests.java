package ke.malipo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import ke.malipo.common.events.FailedEventResubmission;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.payments.internal.PaymentResolver;
import ke.malipo.simulator.internal.EmbeddedMailServer;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.ProbeListener;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * quality.md R8: two application nodes on one PostgreSQL, each with its own schedulers
 * and memory. M-Pesa may deliver a callback to either node, or the same one to both at
 * once; each payment is applied exactly once and its session confirmed once. Due work is
 * claimed by one node only. A token issued by one node is honoured by the other.
 */
@MalipoIntegrationTest
@Import(TwoNodesTests.FirstNodeProbe.class)
@TestPropertySource(properties = { "malipo.events.resubmit-after=0s", "malipo.payments.prompt-limits.per-phone=3" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	EmbeddedMailServer mail;

	@Value("${local.server.port}")
	int port;

	private ConfigurableApplicationContext secondNode;

	private int secondPort;

	@BeforeAll
	void startASecondNodeOnTheSameDatabase() {
		HikariDataSource shared = (HikariDataSource) this.dataSource;
		this.secondNode = new SpringApplicationBuilder(MalipoApplication.class)
			// One Daraja for both nodes, as in production: the first node's simulator.
			.sources(MalipoApplication.class, SecondNodeProbe.class)
			.properties("server.port=0", "spring.datasource.url=" + shared.getJdbcUrl(),
					"spring.datasource.username=" + shared.getUsername(),
					"spring.datasource.password=" + shared.getPassword(), "spring.main.banner-mode=off",
					"malipo.simulator.enabled=false", "malipo.events.resubmit-after=0s",
					"malipo.mpesa.base-url=http://localhost:" + this.port + "/simulator/daraja",
					// One mail server and one Africa's Talking for both, too.
					"spring.mail.host=127.0.0.1", "spring.mail.port=" + this.mail.port(),
					"malipo.notifications.sms.base-url=http://localhost:" + this.port + "/simulator/africastalking")
			// Arguments outrank the test settings on the classpath; "properties" do not.
			// The second node runs no simulator of its own (with an external database, it
			// would
			// be refused at start).
			.run("--malipo.payments.prompt-limits.per-phone=3", "--malipo.simulator.enabled=false");
		this.secondPort = Integer.parseInt(this.secondNode.getEnvironment().getProperty("local.server.port", "0"));
	}

	@AfterAll
	void stopIt() {
		if (this.secondNode != null) {
			this.secondNode.close();
		}
	}

	/**
	 * Issue 11: both nodes send email from the one outbox; each message leaves once, by
	 * whichever node claimed it.
	 */
	@Test
	void eachEmailIsSentOnceThoughBothNodesSend() {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Account client = this.api.register("CLIENT", null, "Two nodes " + tag);
		Account psychologist = this.api.psychologist(1500);
		for (int i = 0; i < 6; i++) {
			PaymentTestSupport.approvedSession(this.api, client, psychologist, 5, 2 * i);
		}
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.mail.received(client.email()).size() >= 6);
		org.awaitility.Awaitility.await()
			.during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.mail.received(client.email()).size() == 6);
		assertThat(this.jdbc.sql("""
				select count(*) from notifications.outbox o join identity.users u on u.id = o.recipient
				 where u.email = :email and o.channel = 'EMAIL' and o.status = 'SENT' and o.tries = 1
				""").param("email", client.email()).query(Integer.class).single()).isEqualTo(6);
	}

	@Test
	void theSameCallbackToBothNodesAtOnceIsAppliedOnce() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1250);
		List<String> sessions = new ArrayList<>();
		List<String> checkouts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3, i);
			sessions.add(session);
			checkouts
				.add(this.api
					.post("/api/mpesa/initiate", client.token(),
							Map.of("sessionId", session, "phoneNumber", TestPhones.local(9)))
					.text("checkoutRequestId"));
		}
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (String checkout : checkouts) {
			SimulatedTransaction prompt = this.simulator.transaction(checkout).orElseThrow();
			String body = PaymentTestSupport.successCallback(prompt.merchantRequestId(), checkout, 1250,
					"TN" + checkout.substring(checkout.length() - 8).replaceAll("[^0-9A-Z]", "0"), prompt.phone());
			String path = "/api/payments/stk-callback/" + PaymentTestSupport.tokenOf(prompt);
			answers.add(post(this.port, path, body));
			answers.add(post(this.secondPort, path, body));
		}
		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			assertThat(answer.get().statusCode()).isEqualTo(200);
		}
		// Each node's worker applies what was stored on it; both may take the same
		// attempt.
		checkouts.forEach((checkout) -> PaymentTestSupport.awaitApplied(this.jdbc,
				this.simulator.transaction(checkout).orElseThrow()));
		for (int i = 0; i < sessions.size(); i++) {
			assertThat(this.api.get("/api/sessions/" + sessions.get(i), client.token()).text("status"))
				.isEqualTo("CONFIRMED");
			assertThat(this.jdbc.sql("""
					select status from payments.callback_inbox
					 where attempt_id = (select id from payments.attempts where checkout_request_id = :c)""")
				.param("c", checkouts.get(i))
				.query(String.class)
				.list()).as("one applied, one recognised as a duplicate")
				.containsExactlyInAnyOrder("APPLIED", "DUPLICATE");
		}
	}

	/**
	 * Both nodes' resolvers wake at the same moment over the same due payments: each
	 * payment is claimed by one of them and asked about once.
	 */
	@Test
	void dueWorkIsTakenByOneNodeOnly(@Autowired PaymentResolver resolver, @Autowired MutableClock clock)
			throws Exception {
		// Both nodes must agree on the time, as real nodes do: the test clock runs real.
		clock.reset();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1250);
		List<String> attempts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			attempts.add(this.api.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", PaymentTestSupport.approvedSession(this.api, client, psychologist, 3, 20 + i),
							"phoneNumber", TestPhones.local(9)))
				.text("paymentId"));
		}
		this.jdbc
			.sql("update payments.attempts set next_check_at = now() - interval '1 day' where id::text = any(:ids)")
			.param("ids", attempts.toArray(String[]::new))
			.update();
		PaymentResolver other = this.secondNode.getBean(PaymentResolver.class);
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(resolver::resolveDue);
		CompletableFuture<Integer> second = CompletableFuture.supplyAsync(other::resolveDue);
		assertThat(first.get() + second.get()).isGreaterThanOrEqualTo(attempts.size());
		for (String attempt : attempts) {
			assertThat(this.jdbc
				.sql("select count(*) from payments.attempt_history where attempt_id::text = :id and kind = 'QUERIED'")
				.param("id", attempt)
				.query(Integer.class)
				.single()).as("asked about once").isEqualTo(1);
		}
	}

	@Test
	void aTokenFromOneNodeWorksOnTheOther() throws Exception {
		Account client = this.api.client();
		HttpResponse<String> me = HTTP
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.secondPort + "/api/me"))
				.header("Authorization", "Bearer " + client.token())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(client.email());
	}

	/**
	 * Issue 9: sign-in failures and STK prompts are counted in PostgreSQL, so a second
	 * node does not double a limit.
	 */
	@Test
	void limitsHoldAcrossBothNodes() throws Exception {
		Account owner = this.api.client();
		for (int i = 0; i < 5; i++) {
			int node = (i % 2 == 0) ? this.port : this.secondPort;
			assertThat(post(node, "/api/auth/login",
					"{\"email\":\"" + owner.email() + "\",\"password\":\"guess-" + i + "\"}")
				.get()
				.statusCode()).isEqualTo(401);
		}
		for (int node : new int[] { this.port, this.secondPort }) {
			assertThat(post(node, "/api/auth/login",
					"{\"email\":\"" + owner.email() + "\",\"password\":\"" + Api.PASSWORD + "\"}")
				.get()
				.statusCode()).as("node on port " + node).isEqualTo(429);
		}

		Account psychologist = this.api.psychologist(1);
		String phone = TestPhones.local(1);
		for (int i = 0; i < 4; i++) {
			Account client = this.api.client();
			String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 6, i);
			int node = (i % 2 == 0) ? this.port : this.secondPort;
			HttpResponse<String> answer = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node + "/api/mpesa/initiate"))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + client.token())
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"sessionId\":\"" + session + "\",\"phoneNumber\":\"" + phone + "\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as("prompt " + (i + 1) + " " + answer.body())
				.isEqualTo((i < 3) ? 202 : 429);
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.simulator.transactions()
					.stream()
					.noneMatch((t) -> t.phone().equals(TestPhones.msisdnOf(phone)) && t.isPending()));
		}
	}

	/**
	 * issue 10: failed publications are resubmitted (not republished on restart), by one
	 * node at a time. A listener that fails once on the first node is run again exactly
	 * once, though both nodes resubmit at the same moment.
	 */
	@Test
	void aFailedListenerRunsAgainOnceThoughBothNodesResubmit(@Autowired ApplicationEventPublisher events,
			@Autowired TransactionTemplate transactions, @Autowired FailedEventResubmission resubmission)
			throws Exception {
		UUID probe = UUID.randomUUID();
		transactions.executeWithoutResult((status) -> events.publishEvent(new ProbeListener.Probe(probe)));
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs(probe, false) == 1);
		FailedEventResubmission other = this.secondNode.getBean(FailedEventResubmission.class);
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
			for (int round = 0; round < 3; round++) {
				var first = pool.submit(resubmission::resubmit);
				var second = pool.submit(other::resubmit);
				first.get();
				second.get();
			}
		}
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs(probe, true) == 1);
		Thread.sleep(500);
		assertThat(runs(probe, true)).as("successful runs").isEqualTo(1);
		assertThat(runs(probe, false)).as("failed runs").isEqualTo(1);
	}

	private int runs(UUID probe, boolean ok) {
		return this.jdbc.sql("select count(*) from public.probe_runs where probe = :p and ok = :ok")
			.param("p", probe)
			.param("ok", ok)
			.query(Integer.class)
			.single();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FirstNodeProbe {

		@Bean
		ProbeListener probeListener(DataSource dataSource) {
			return new ProbeListener(dataSource, "first");
		}

	}

	/** Not a @Configuration: a nested one would replace the test's application setup. */
	static class SecondNodeProbe {

		@Bean
		ProbeListener probeListener(DataSource dataSource) {
			return new ProbeListener(dataSource, "second");
		}

	}

	private static CompletableFuture<HttpResponse<String>> post(int port, String path, String body) {
		return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
