package ke.malipo.payments;

import java.time.Duration;
import java.util.Map;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.TestClockConfiguration;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the callback allow-list enforced, a callback from an address not on it is refused
 * as forged and kept for the record; the payment is still settled from M-Pesa's own
 * answer to a status query, so no money is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.payments.callback-sources.mode=enforce",
				"malipo.payments.callback-sources.allowed=196.201.214.200" })
@Import({ TestClockConfiguration.class, Api.Configuration.class })
class CallbackSourceListTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCallbackFromAnUnlistedAddressIsRefusedAndThePaymentStillSettles() {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1300), 5);
		assertThat(this.api
			.post("/api/mpesa/initiate", client.token(),
					Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)))
			.status()).isEqualTo(202);
		// Refused before the token is even looked up, so kept without an attempt: found
		// by
		// the CheckoutRequestID in the body.
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.sql("""
					select count(*) from payments.callback_inbox i, payments.attempts a
					 where a.session_id = cast(:session as uuid) and a.checkout_request_id is not null
					   and i.body like '%' || a.checkout_request_id || '%' and i.status = 'REJECTED'
					   and i.error = 'source address not on the callback allow-list'""")
				.param("session", session)
				.query(Long.class)
				.single() > 0);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		assertThat(this.jdbc.sql("""
				select count(*) from payments.callback_inbox i join payments.attempts a on a.id = i.attempt_id
				 where a.session_id = cast(:session as uuid) and i.status = 'APPLIED'""")
			.param("session", session)
			.query(Long.class)
			.single()).as("no callback was applied").isZero();
	}

}
