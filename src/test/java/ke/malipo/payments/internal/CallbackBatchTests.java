package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored callbacks are applied in batches off the request thread (Properties 72, 73;
 * DECISIONS.md 25): a batch is one transaction; a callback that fails in a batch holds
 * back no other and leaves nothing of itself; two appliers taking the same callbacks at
 * once apply each exactly once. The callbacks here are stored due tomorrow, so the app's
 * own worker leaves them alone, and applied by appliers whose clocks are a day ahead
 * (which may also take a callback another test left due: what is asserted is this test's
 * rows).
 */
@MalipoIntegrationTest
class CallbackBatchTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CallbackInbox inbox;

	@Autowired
	AttemptRepository attempts;

	@Autowired
	OutcomeApplier outcomes;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	PaymentSettings settings;

	@Autowired
	Clock clock;

	/**
	 * Callbacks other tests left waiting for a later try (due within minutes) are taken
	 * now by an applier two days ahead, so that they are not due again for this test's
	 * appliers.
	 */
	@BeforeEach
	void takeWhatOtherTestsLeft() {
		applierADayAhead(Duration.ofDays(1)).applyDue();
	}

	@AfterEach
	void dropFailure() {
		this.jdbc.sql("drop trigger if exists fail_attempt_update on payments.attempts").update();
		this.jdbc.sql("drop function if exists payments.fail_attempt_update()").update();
	}

	@Test
	void property72_callbacksStoredTogetherAreAppliedInOneTransaction() {
		List<Awaiting> awaiting = awaiting(3);
		List<UUID> stored = awaiting.stream().map(this::storeForTomorrow).toList();

		applierADayAhead(Duration.ZERO).applyDue();

		assertThat(awaiting).allSatisfy((payment) -> assertThat(state(payment)).isEqualTo("PAID"));
		assertThat(statuses(stored)).containsOnly("APPLIED");
		assertThat(this.jdbc.sql("select count(distinct xmin::text) from payments.attempts where id = any(:ids)")
			.param("ids", awaiting.stream().map(Awaiting::attempt).toArray(UUID[]::new))
			.query(Integer.class)
			.single()).as("one transaction").isEqualTo(1);
	}

	@Test
	void property73_aCallbackFailingInABatchHoldsBackNoOtherAndIsAppliedLater() {
		// In the order a batch applies them (by attempt), the failing one in the middle:
		// the one after it was locked by the batch but never reached.
		List<Awaiting> awaiting = awaiting(3).stream()
			.sorted(java.util.Comparator.comparing((Awaiting payment) -> payment.attempt().toString()))
			.toList();
		List<UUID> stored = awaiting.stream().map(this::storeForTomorrow).toList();
		Awaiting failing = awaiting.get(1);
		this.jdbc.sql("""
				create function payments.fail_attempt_update() returns trigger language plpgsql as $$
				begin
				  if new.id = '%s' and new.state <> old.state then
				    raise exception 'simulated database failure';
				  end if;
				  return new;
				end $$""".formatted(failing.attempt())).update();
		this.jdbc
			.sql("create trigger fail_attempt_update before update on payments.attempts "
					+ "for each row execute function payments.fail_attempt_update()")
			.update();

		List<String> before = PaymentTestSupport.history(this.jdbc, failing.attempt());

		// The batch fails; then each alone.
		applierADayAhead(Duration.ZERO).applyDue();

		assertThat(state(awaiting.get(0))).isEqualTo("PAID");
		assertThat(state(awaiting.get(2))).isEqualTo("PAID");
		assertThat(state(failing)).isEqualTo("AWAITING_CUSTOMER");
		assertThat(statuses(stored)).containsExactly("APPLIED", "RECEIVED", "APPLIED");
		assertThat(PaymentTestSupport.history(this.jdbc, failing.attempt())).as("nothing of the failed step")
			.isEqualTo(before);
		assertThat(this.jdbc.sql("select tries from payments.callback_inbox where id = :id")
			.param("id", stored.get(1))
			.query(Integer.class)
			.single()).isEqualTo(1);

		dropFailure();
		applierADayAhead(Duration.ZERO).applyDue();
		assertThat(statuses(stored)).as("not due again yet").containsExactly("APPLIED", "RECEIVED", "APPLIED");
		applierADayAhead(Duration.ofMinutes(1)).applyDue();
		assertThat(state(failing)).isEqualTo("PAID");
		assertThat(statuses(stored)).containsOnly("APPLIED");
	}

	@Test
	void property72_twoAppliersTakingTheSameCallbacksApplyEachOnce() throws Exception {
		List<Awaiting> awaiting = awaiting(8);
		List<UUID> stored = new ArrayList<>();
		for (Awaiting payment : awaiting) {
			String body = successCallback(payment);
			// The same callback twice, as M-Pesa sometimes sends it.
			stored.add(storeForTomorrow(payment, body));
			stored.add(storeForTomorrow(payment, body));
		}
		CallbackApplier one = applierADayAhead(Duration.ZERO);
		CallbackApplier other = applierADayAhead(Duration.ZERO);

		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(one::applyDue);
		CompletableFuture<Integer> second = CompletableFuture.supplyAsync(other::applyDue);

		assertThat(first.get() + second.get()).as("each taken by one of them").isGreaterThanOrEqualTo(16);
		assertThat(awaiting).allSatisfy((payment) -> {
			assertThat(state(payment)).isEqualTo("PAID");
			assertThat(PaymentTestSupport.history(this.jdbc, payment.attempt()))
				.filteredOn((line) -> line.startsWith("PAID "))
				.hasSize(1);
		});
		assertThat(statuses(stored)).filteredOn("APPLIED"::equals).hasSize(8);
		assertThat(statuses(stored)).filteredOn("DUPLICATE"::equals).hasSize(8);
	}

	/**
	 * A callback that overtook the answer to its push waits for the answer, put off with
	 * backoff. When the answer turns out lost (the node died between Daraja's accepting
	 * the push and storing its answer), the resolver makes the payment UNKNOWN and
	 * applies the waiting callback at once, which teaches it the CheckoutRequestID,
	 * rather than at the callback's next try minutes later; so does its next check when
	 * the node died after making it UNKNOWN and before applying the callback.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "INITIATED", "UNKNOWN" })
	void property72_aCallbackWaitingForALostPushAnswerIsAppliedWhenTheAnswerIsGivenUp(String left,
			@Autowired PaymentResolver resolver) {
		Awaiting payment = awaiting(1).get(0);
		UUID stored = this.transactions.execute((status) -> {
			// As the node left it: the push's answer never stored...
			this.jdbc.sql("""
					update payments.attempts set state = :state, checkout_request_id = null,
					  merchant_request_id = null where id = :id""")
				.param("id", payment.attempt())
				.param("state", left)
				.update();
			// ...and the callback that overtook it put off a few times already.
			UUID id = this.inbox.store(new PaymentId(payment.attempt()), successCallback(payment), "127.0.0.1",
					"RECEIVED", null, this.clock.instant());
			this.jdbc.sql("""
					update payments.callback_inbox set tries = 4, next_try_at = :later,
					  error = 'waiting for Daraja''s answer to the push' where id = :id""")
				.param("id", id)
				.param("later", java.sql.Timestamp.from(this.clock.instant().plus(Duration.ofMinutes(10))))
				.update();
			return id;
		});

		resolver.check(new PaymentId(payment.attempt()));

		assertThat(state(payment)).isEqualTo("PAID");
		assertThat(statuses(List.of(stored))).containsExactly("APPLIED");
		assertThat(this.jdbc.sql("select checkout_request_id from payments.attempts where id = :id")
			.param("id", payment.attempt())
			.query(String.class)
			.single()).isEqualTo(payment.checkoutRequestId());
	}

	/**
	 * Payments whose prompts the simulated phone answers only to a status query, never by
	 * a callback: nothing but this test's callbacks arrives for them while it runs.
	 */
	private List<Awaiting> awaiting(int count) {
		Api.Account psychologist = this.api.psychologist(1500);
		List<Awaiting> awaiting = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Api.Account client = this.api.client();
			String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 9, i);
			Api.Response started = this.api.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(5)));
			assertThat(started.status()).as(started.toString()).isEqualTo(202);
			awaiting.add(this.jdbc.sql("""
					select id, merchant_request_id, checkout_request_id, amount, phone from payments.attempts
					 where session_id = cast(:session as uuid)""")
				.param("session", session)
				.query((rs, row) -> new Awaiting(rs.getObject("id", UUID.class), rs.getString("merchant_request_id"),
						rs.getString("checkout_request_id"), rs.getLong("amount"), rs.getString("phone")))
				.single());
		}
		return awaiting;
	}

	/** The payment's success callback, stored as received, due a day from now. */
	private UUID storeForTomorrow(Awaiting payment) {
		return storeForTomorrow(payment, successCallback(payment));
	}

	private UUID storeForTomorrow(Awaiting payment, String body) {
		return this.inbox.store(new PaymentId(payment.attempt()), body, "127.0.0.1", "RECEIVED", null,
				this.clock.instant().plus(Duration.ofDays(1)));
	}

	private static String successCallback(Awaiting payment) {
		String receipt = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT);
		return PaymentTestSupport.successCallback(payment.merchantRequestId(), payment.checkoutRequestId(),
				payment.amount(), receipt, payment.phone());
	}

	private CallbackApplier applierADayAhead(Duration more) {
		return new CallbackApplier(this.inbox, this.attempts, this.outcomes, this.transactions, this.settings,
				Clock.offset(this.clock, Duration.ofDays(1).plus(more)));
	}

	private String state(Awaiting payment) {
		return PaymentTestSupport.state(this.jdbc, payment.attempt());
	}

	private List<String> statuses(List<UUID> stored) {
		List<String> statuses = new ArrayList<>();
		for (UUID id : stored) {
			statuses.add(this.jdbc.sql("select status from payments.callback_inbox where id = :id")
				.param("id", id)
				.query(String.class)
				.single());
		}
		return statuses;
	}

	private record Awaiting(UUID attempt, String merchantRequestId, String checkoutRequestId, long amount,
			String phone) {
	}

}
