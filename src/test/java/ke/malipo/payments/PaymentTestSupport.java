package ke.malipo.payments;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared steps of payment tests. */
public final class PaymentTestSupport {

	private PaymentTestSupport() {
	}

	/**
	 * Books a session that many days ahead, on the hour, and has the psychologist approve
	 * it.
	 */
	public static String approvedSession(Api api, Account client, Account psychologist, int daysAhead) {
		return approvedSession(api, client, psychologist, daysAhead, 0);
	}

	/**
	 * The same, {@code hoursLater} hours after that: one psychologist's sessions in a
	 * test must not overlap.
	 */
	public static String approvedSession(Api api, Account client, Account psychologist, int daysAhead, int hoursLater) {
		String id = requestedSession(api, client, psychologist, daysAhead, hoursLater);
		assertThat(api.post("/api/sessions/" + id + "/approve", psychologist.token(), null).status()).isEqualTo(200);
		return id;
	}

	/**
	 * Books and approves a session {@code daysAhead} days ahead, pays it from the phone
	 * (whose last digit picks the simulator's answer) and waits for the outcome; answers
	 * the session's id.
	 */
	public static String settledSession(Api api, Account client, Account psychologist, int daysAhead, String phone,
			String outcome) {
		String session = approvedSession(api, client, psychologist, daysAhead);
		api.post("/api/mpesa/initiate", client.token(), java.util.Map.of("sessionId", session, "phoneNumber", phone));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(15))
			.until(() -> api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus"),
					outcome::equals);
		return session;
	}

	/** Books a session, still waiting for the psychologist. */
	public static String requestedSession(Api api, Account client, Account psychologist, int daysAhead,
			int hoursLater) {
		OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(3))
			.plusDays(daysAhead)
			.plusHours(hoursLater)
			.truncatedTo(ChronoUnit.HOURS);
		Api.Response booked = api.post("/api/sessions", client.token(),
				Map.of("psychologistId", psychologist.id().toString(), "scheduledAt", at.toString()));
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		return booked.text("id");
	}

	/**
	 * A success callback in Daraja's shape, saying what the caller wants M-Pesa to have
	 * reported (forged, mismatched or genuine).
	 */
	public static String successCallback(String merchantRequestId, String checkoutRequestId, long amount,
			String receipt, String phone) {
		return """
				{"Body":{"stkCallback":{"MerchantRequestID":"%s","CheckoutRequestID":"%s","ResultCode":0,
				"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[
				{"Name":"Amount","Value":%d},{"Name":"MpesaReceiptNumber","Value":"%s"},
				{"Name":"PhoneNumber","Value":%s}]}}}}""".formatted(merchantRequestId, checkoutRequestId, amount,
				receipt, phone);
	}

	/** The secret token at the end of the CallBackURL the simulator received. */
	public static String tokenOf(SimulatedTransaction transaction) {
		String url = transaction.callbackUrl();
		return url.substring(url.lastIndexOf('/') + 1);
	}

	/**
	 * Waits until every callback stored for the payment behind the prompt's callback URL
	 * has had its first application: the app answers M-Pesa once a callback is stored and
	 * applies it just after, off the request thread.
	 */
	public static void awaitApplied(JdbcClient jdbc, SimulatedTransaction prompt) {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> jdbc.sql("""
					select count(*) from payments.callback_inbox i join payments.attempts a on a.id = i.attempt_id
					 where a.callback_token_hash = encode(sha256(convert_to(:token, 'UTF8')), 'hex')
					   and i.status = 'RECEIVED' and i.tries = 0""")
				.param("token", tokenOf(prompt))
				.query(Integer.class)
				.single() == 0);
	}

	/** The payment's state as stored. */
	public static String state(JdbcClient jdbc, UUID payment) {
		return jdbc.sql("select state from payments.attempts where id = :id")
			.param("id", payment)
			.query(String.class)
			.single();
	}

	/** The payment's timeline, one "KIND detail" line a step. */
	public static List<String> history(JdbcClient jdbc, UUID payment) {
		return jdbc.sql("select kind || ' ' || detail from payments.attempt_history where attempt_id = :id order by id")
			.param("id", payment)
			.query(String.class)
			.list();
	}

}
