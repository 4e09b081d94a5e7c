package ke.malipo.payments;

import java.time.Duration;
import java.util.Map;

import ke.malipo.payments.internal.CallbackApplier;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Property 72 (callback failure retries with backoff) and Property 73 (a database failure
 * rolls the whole step back): the database refuses the update of one attempt, M-Pesa
 * still gets its 200, nothing of the step remains, and the stored callback is applied
 * once the database accepts it again.
 */
@MalipoIntegrationTest
class CallbackRecoveryTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CallbackApplier callbacks;

	@Autowired
	MutableClock clock;

	@AfterEach
	void dropFailure() {
		this.jdbc.sql("drop trigger if exists fail_attempt_update on payments.attempts").update();
		this.jdbc.sql("drop function if exists payments.fail_attempt_update()").update();
		this.clock.reset();
	}

	@Test
	void property72_property73_aFailedApplicationLeavesNothingAndIsRetriedUntilDone() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1100), 6);
		this.jdbc.sql("""
				create function payments.fail_attempt_update() returns trigger language plpgsql as $$
				begin
				  if new.session_id = '%s' and new.state <> old.state and new.state <> 'AWAITING_CUSTOMER' then
				    raise exception 'simulated database failure';
				  end if;
				  return new;
				end $$""".formatted(session)).update();
		this.jdbc
			.sql("create trigger fail_attempt_update before update on payments.attempts "
					+ "for each row execute function payments.fail_attempt_update()")
			.update();

		this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", PaymentFlowTests.phone(0)));
		await().atMost(Duration.ofSeconds(10)).until(() -> inbox(session, "RECEIVED") == 1 && tries(session) >= 1);

		assertThat(attemptState(session)).isEqualTo("AWAITING_CUSTOMER");
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("status")).isEqualTo("APPROVED");
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("paymentStatus"))
			.isEqualTo("PROCESSING");

		this.callbacks.applyDue();
		assertThat(inbox(session, "RECEIVED")).as("not due yet: backoff").isEqualTo(1);

		dropFailure();
		this.clock.advance(Duration.ofMinutes(1));
		// This test's call or the app's own worker, whichever takes it first.
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.callbacks.applyDue();
			return "PAID".equals(attemptState(session));
		});
		this.clock.reset();
		assertThat(inbox(session, "APPLIED")).isEqualTo(1);
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("status")).isEqualTo("CONFIRMED");
	}

	private String attemptState(String session) {
		return this.jdbc.sql("select state from payments.attempts where session_id = cast(:s as uuid)")
			.param("s", session)
			.query(String.class)
			.single();
	}

	private int inbox(String session, String status) {
		return this.jdbc.sql("""
				select count(*) from payments.callback_inbox i join payments.attempts a on a.id = i.attempt_id
				 where a.session_id = cast(:s as uuid) and i.status = :status""")
			.param("s", session)
			.param("status", status)
			.query(Integer.class)
			.single();
	}

	private int tries(String session) {
		return this.jdbc.sql("""
				select coalesce(max(i.tries), 0) from payments.callback_inbox i
				  join payments.attempts a on a.id = i.attempt_id where a.session_id = cast(:s as uuid)""")
			.param("s", session)
			.query(Integer.class)
			.single();
	}

}
