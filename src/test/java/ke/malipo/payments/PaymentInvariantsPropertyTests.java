package ke.malipo.payments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ke.malipo.payments.internal.PaymentResolver;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MutableClock;
import ke.malipo.support.TestClockConfiguration;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The whole payment machinery under random interleavings: initiations (double clicks
 * included), callbacks as M-Pesa sends them and as it should not (duplicated, reordered,
 * late, forged, for the wrong amount, with codes nobody documented), customers accepting
 * prompts whose callbacks are often lost, direct status queries, resolver runs (whose
 * queries M-Pesa answers with 4999 while a prompt waits) and time passing, with M-Pesa's
 * Pull records lagging half an hour. After every step the invariants hold: a session is
 * CONFIRMED exactly when one attempt is PAID, never more than one attempt is live, a paid
 * attempt has the full amount and the session's receipt (or both await it), a payment
 * never stops being paid, forged callbacks change nothing, and money M-Pesa reported to
 * us is never FAILED or lost: it is PAID or NEEDS_REVIEW (issue 9).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.simulator.prompt-timeout=1h", "malipo.payments.direct-query-after=30s",
				"malipo.payments.resolver-interval=1h", "malipo.simulator.faults.callback-drop-rate=0.5",
				"malipo.simulator.pull-delay=30m" })
@Import({ TestClockConfiguration.class, Api.Configuration.class })
class PaymentInvariantsPropertyTests {

	private static final long PRICE = 1300;

	@Autowired
	Api api;

	@Autowired
	SimulatedDaraja simulator;

	@Autowired
	PaymentResolver resolver;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Value("${local.server.port}")
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	enum Op {

		INITIATE, DOUBLE_CLICK, CALLBACK_PAID, CALLBACK_CANCELLED, CALLBACK_WRONG_AMOUNT, REPLAY_LAST_CALLBACK,
		FORGED_TOKEN, CALLBACK_TO_OTHER_ATTEMPT, STATUS, RESOLVER, WAIT_MINUTE, WAIT_DAY, LATE_PAID_TO_FAILED,
		CUSTOMER_ACCEPTS, CALLBACK_UNKNOWN_CODE, CALLBACK_STILL_PROCESSING

	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	private static Gen<List<Op>> scenarios() {
		return lists().of(integers().between(0, Op.values().length - 1).map((i) -> Op.values()[i]))
			.ofSizeBetween(1, 14);
	}

	@Test
	void randomInterleavingsNeverBreakThePaymentInvariants() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(PRICE);
		int[] day = { 3 };
		java.util.Set<String> endings = new java.util.HashSet<>();
		qt().withExamples(100).withFixedSeed(75L).withShrinkCycles(0).forAll(scenarios()).checkAssert((ops) -> {
			this.clock.reset();
			// Fresh tokens each scenario: nothing of the last scenario's clock carries
			// over.
			Account booking = this.api.login(client.email(), Api.PASSWORD, client.id());
			Account approving = this.api.login(psychologist.email(), Api.PASSWORD, psychologist.id());
			// Shrinking runs the body many more times: the days wrap (an hour later
			// each round) to stay within the booking horizon without overlapping.
			int n = day[0]++;
			String session = PaymentTestSupport.approvedSession(this.api, booking, approving, 3 + n % 150,
					2 * (n / 150));
			Run run = new Run(client, session);
			// Every scenario starts with a prompt on the phone, so the rest has money to
			// act on.
			run.apply(Op.INITIATE);
			checkInvariants(session, run);
			for (Op op : ops) {
				run.apply(op);
				checkInvariants(session, run);
			}
			endings.addAll(this.jdbc.sql("select state from payments.attempts where session_id = cast(:s as uuid)")
				.param("s", session)
				.query(String.class)
				.list());
		});
		// The generator must reach the interesting states, or the invariants were never
		// tested there.
		assertThat(endings).contains("PAID", "FAILED", "NEEDS_REVIEW", "AWAITING_CUSTOMER");
		assertThat(this.jdbc.sql("select count(*) from payments.attempt_history where kind = 'LATE_MONEY'")
			.query(Integer.class)
			.single()).as("late money applied").isPositive();
		assertThat(this.jdbc.sql(
				"select count(*) from payments.attempt_history where kind = 'PAID' and detail like '%receipt to follow'")
			.query(Integer.class)
			.single()).as("payments proven by a query").isPositive();
	}

	/**
	 * One scenario's state as the test knows it: what M-Pesa was sent and what it could
	 * send back.
	 */
	private final class Run {

		private final Account client;

		private final String session;

		private final List<String> callbacksSent = new ArrayList<>();

		private final java.util.Set<String> everPaid = new java.util.HashSet<>();

		Run(Account client, String session) {
			this.client = client;
			this.session = session;
		}

		void apply(Op op) {
			switch (op) {
				case INITIATE -> initiate();
				case DOUBLE_CLICK -> {
					initiate();
					initiate();
				}
				case CALLBACK_PAID -> callback(0, PRICE);
				case CALLBACK_CANCELLED -> callback(1032, 0);
				case CALLBACK_WRONG_AMOUNT -> callback(0, PRICE - 1);
				case REPLAY_LAST_CALLBACK -> {
					if (!this.callbacksSent.isEmpty()) {
						String last = this.callbacksSent.get(this.callbacksSent.size() - 1);
						post(last.substring(0, last.indexOf('|')), last.substring(last.indexOf('|') + 1));
					}
				}
				case FORGED_TOKEN -> forged("/api/payments/stk-callback/" + "f".repeat(64));
				case CALLBACK_TO_OTHER_ATTEMPT -> live().ifPresent((t) -> forged(path(t)));
				case STATUS ->
					PaymentInvariantsPropertyTests.this.api.get("/api/mpesa/status/" + this.session, token());
				case RESOLVER -> PaymentInvariantsPropertyTests.this.resolver.resolveDue();
				case WAIT_MINUTE -> PaymentInvariantsPropertyTests.this.clock.advance(Duration.ofMinutes(1));
				case WAIT_DAY -> PaymentInvariantsPropertyTests.this.clock.advance(Duration.ofHours(25));
				case LATE_PAID_TO_FAILED -> failed().ifPresent((t) -> send(t, 0, PRICE));
				// The customer takes half a minute to find the phone and type the PIN.
				case CUSTOMER_ACCEPTS -> live().ifPresent((t) -> {
					PaymentInvariantsPropertyTests.this.clock.advance(Duration.ofSeconds(31));
					PaymentInvariantsPropertyTests.this.simulator.accept(t.checkoutRequestId());
				});
				case CALLBACK_UNKNOWN_CODE -> live().ifPresent((t) -> send(t, 31337, 0));
				case CALLBACK_STILL_PROCESSING -> live().ifPresent((t) -> send(t, 4999, 0));
			}
		}

		/** The simulator's prompt of this session's latest FAILED attempt, if any. */
		private java.util.Optional<SimulatedTransaction> failed() {
			return PaymentInvariantsPropertyTests.this.jdbc
				.sql("select checkout_request_id from payments.attempts where session_id = cast(:s as uuid) "
						+ "and state = 'FAILED' and checkout_request_id is not null order by created_at desc")
				.param("s", this.session)
				.query(String.class)
				.list()
				.stream()
				.findFirst()
				.flatMap(PaymentInvariantsPropertyTests.this.simulator::transaction);
		}

		private void initiate() {
			PaymentInvariantsPropertyTests.this.api.post("/api/mpesa/initiate", token(),
					Map.of("sessionId", this.session, "phoneNumber", TestPhones.local(9)));
		}

		/**
		 * A token valid at the test clock's current time (time moves within a scenario).
		 */
		private String token() {
			return PaymentInvariantsPropertyTests.this.api
				.login(this.client.email(), "correct-horse-battery", this.client.id())
				.token();
		}

		/** The simulator's open prompt for this session's latest attempt, if any. */
		private java.util.Optional<SimulatedTransaction> live() {
			List<String> checkouts = PaymentInvariantsPropertyTests.this.jdbc
				.sql("select checkout_request_id from payments.attempts where session_id = cast(:s as uuid) "
						+ "and checkout_request_id is not null order by created_at desc")
				.param("s", this.session)
				.query(String.class)
				.list();
			return checkouts.stream().findFirst().flatMap(PaymentInvariantsPropertyTests.this.simulator::transaction);
		}

		private void callback(int code, long amount) {
			live().ifPresent((t) -> send(t, code, amount));
		}

		private void send(SimulatedTransaction t, int code, long amount) {
			String body = (code == 0)
					? PaymentTestSupport.successCallback(t.merchantRequestId(), t.checkoutRequestId(), amount,
							receipt(t), t.phone())
					: """
							{"Body":{"stkCallback":{"MerchantRequestID":"%s","CheckoutRequestID":"%s","ResultCode":%d,
							"ResultDesc":"Request cancelled by user"}}}""".formatted(t.merchantRequestId(),
							t.checkoutRequestId(), code);
			String path = path(t);
			this.callbacksSent.add(path + "|" + body);
			post(path, body);
		}

		private void forged(String path) {
			String body = """
					{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_forged","ResultCode":0,
					"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"Amount","Value":%d},
					{"Name":"MpesaReceiptNumber","Value":"TFORGED999"}]}}}}""".formatted(PRICE);
			int status = post(path, body);
			assertThat(status).as("forged callback").isEqualTo(403);
		}

		private String path(SimulatedTransaction t) {
			return "/api/payments/stk-callback/" + PaymentTestSupport.tokenOf(t);
		}

		private static String receipt(SimulatedTransaction t) {
			return ("TP" + Integer.toHexString(t.checkoutRequestId().hashCode()).toUpperCase() + "00000000")
				.substring(0, 10);
		}

		private int post(String path, String body) {
			try {
				return PaymentInvariantsPropertyTests.this.http
					.send(HttpRequest
						.newBuilder(URI.create("http://localhost:" + PaymentInvariantsPropertyTests.this.port + path))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build(), HttpResponse.BodyHandlers.discarding())
					.statusCode();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Reads the attempts, the session and the stored callbacks in one snapshot: a
	 * callback committing between two separate reads would look like a broken invariant.
	 */
	private void checkInvariants(String session, Run run) {
		TransactionTemplate snapshot = new TransactionTemplate(this.transactionManager);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
		snapshot.executeWithoutResult((status) -> checkInvariantsInSnapshot(session, run));
	}

	private void checkInvariantsInSnapshot(String session, Run run) {
		List<Map<String, Object>> attempts = this.jdbc.sql(
				"select id, state, receipt, amount, result_code from payments.attempts where session_id = cast(:s as uuid)")
			.param("s", session)
			.query()
			.listOfRows();
		Map<String, Object> row = this.jdbc.sql(
				"select status, payment_status, mpesa_receipt_number from booking.sessions where id = cast(:s as uuid)")
			.param("s", session)
			.query()
			.singleRow();
		long paid = attempts.stream().filter((a) -> "PAID".equals(a.get("state"))).count();
		long live = attempts.stream()
			.filter((a) -> List.of("INITIATED", "AWAITING_CUSTOMER", "UNKNOWN").contains(a.get("state"))
					|| ("NEEDS_REVIEW".equals(a.get("state")) && a.get("receipt") == null))
			.count();
		assertThat(paid).as("paid attempts").isLessThanOrEqualTo(1);
		assertThat(live).as("live attempts").isLessThanOrEqualTo(1);
		assertThat("CONFIRMED".equals(row.get("status"))).as("confirmed exactly when paid").isEqualTo(paid == 1);
		attempts.stream().filter((a) -> "PAID".equals(a.get("state"))).forEach((a) -> {
			// Proven by a query, both wait for the receipt; otherwise both hold it.
			assertThat(a.get("receipt")).isEqualTo(row.get("mpesa_receipt_number"));
			assertThat(a.get("result_code")).isEqualTo("0");
			assertThat(((Number) a.get("amount")).longValue()).isEqualTo(PRICE);
			assertThat(row.get("payment_status")).isEqualTo("PAID");
			run.everPaid.add(a.get("id").toString());
		});
		attempts.stream()
			.filter((a) -> run.everPaid.contains(a.get("id").toString()))
			.forEach((a) -> assertThat(a.get("state")).as("a payment stays paid").isEqualTo("PAID"));
		assertThat(attempts).noneMatch((a) -> "TFORGED999".equals(a.get("receipt")));
		// Money M-Pesa told us about (a success callback we stored) is never failed or
		// lost.
		List<String> reported = this.jdbc.sql("""
				select distinct i.attempt_id::text from payments.callback_inbox i
				  join payments.attempts a on a.id = i.attempt_id
				 where a.session_id = cast(:s as uuid) and i.status in ('APPLIED', 'DUPLICATE')
				   and i.body ~ '"ResultCode"\\s*:\\s*"?0"?\\s*,'
				""").param("s", session).query(String.class).list();
		attempts.stream()
			.filter((a) -> reported.contains(a.get("id").toString()))
			.forEach((a) -> assertThat(a.get("state")).as("money M-Pesa reported").isIn("PAID", "NEEDS_REVIEW"));
	}

}
