package ke.malipo.payments;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paying a session end to end over real HTTP: the API, the Daraja client, the built-in
 * simulator's prompt and its callback back into the API, for every outcome phone of
 * api.md.
 */
@MalipoIntegrationTest
class PaymentFlowTests {

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	Account client;

	Account psychologist;

	String session;

	@BeforeEach
	void approvedSession() {
		this.client = this.api.client();
		this.psychologist = this.api.psychologist(1500);
		this.session = approvedSessionOf(this.client, this.psychologist);
	}

	String approvedSessionOf(Account who, Account with) {
		OffsetDateTime at = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.ofHours(3))
			.plusDays(4)
			.truncatedTo(ChronoUnit.HOURS);
		String id = this.api
			.post("/api/sessions", who.token(),
					Map.of("psychologistId", with.id().toString(), "scheduledAt", at.toString()))
			.text("id");
		assertThat(this.api.post("/api/sessions/" + id + "/approve", with.token(), null).status()).isEqualTo(200);
		return id;
	}

	/** A fresh number of the simulator's test block with this last digit. */
	static String phone(int lastDigit) {
		return ke.malipo.support.TestPhones.local(lastDigit);
	}

	private Response pay(String phone) {
		return this.api.post("/api/mpesa/initiate", this.client.token(),
				Map.of("sessionId", this.session, "phoneNumber", phone));
	}

	private Response status() {
		return this.api.get("/api/mpesa/status/" + this.session, this.client.token());
	}

	private Response awaitStatus(String wanted) {
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> wanted.equals(status().text("paymentStatus")));
		return status();
	}

	@Test
	void property8_property10_property11_property21_property22_property23_aPaymentConfirmsTheSession() {
		Response started = pay(phone(0));
		assertThat(started.status()).isEqualTo(202);
		assertThat(started.text("paymentStatus")).isEqualTo("PROCESSING");
		assertThat(started.text("checkoutRequestId")).startsWith("ws_CO_");
		assertThat(started.text("message")).contains("Check your phone").contains("KES 1,500");

		Response paid = awaitStatus("PAID");
		assertThat(paid.text("mpesaReceiptNumber")).matches("[A-Z0-9]{10}");
		assertThat(paid.text("message")).contains(paid.text("mpesaReceiptNumber"));
		assertThat(paid.body().get("amount").asLong()).isEqualTo(1500);
		assertThat(paid.text("phoneNumberMasked")).contains("*");

		Response shown = this.api.get("/api/sessions/" + this.session, this.psychologist.token());
		assertThat(shown.text("status")).isEqualTo("CONFIRMED");
		assertThat(shown.text("paymentStatus")).isEqualTo("PAID");
		assertThat(shown.text("mpesaReceiptNumber")).isEqualTo(paid.text("mpesaReceiptNumber"));

		Response again = pay(phone(0));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("ALREADY_PAID");
	}

	@ParameterizedTest(name = "a number ending {0} fails with {1}")
	@CsvSource({ "1,1032,cancelled", "2,1037,reach your phone", "3,1,balance", "4,2001,PIN", "8,1019,expired" })
	void property27_property28_property29_property30_failuresKeepTheSessionPayable(int digit, String code,
			String words) {
		Response started = pay(phone(digit));
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		Response failed = awaitStatus("FAILED");
		assertThat(failed.text("resultCode")).isEqualTo(code);
		assertThat(failed.text("message")).containsIgnoringCase(words);
		Response session = this.api.get("/api/sessions/" + this.session, this.client.token());
		assertThat(session.text("status")).isEqualTo("APPROVED");
		assertThat(session.text("paymentStatus")).isEqualTo("FAILED");

		assertThat(pay(phone(0)).status()).as("retry").isEqualTo(202);
		awaitStatus("PAID");
	}

	@Test
	void property19_property74_aLostCallbackIsSettledByAskingDaraja() {
		assertThat(pay(phone(5)).status()).isEqualTo(202);
		Response paid = awaitStatus("PAID");
		assertThat(paid.text("mpesaReceiptNumber")).isNotBlank();
		assertThat(this.api.get("/api/sessions/" + this.session, this.client.token()).text("status"))
			.isEqualTo("CONFIRMED");
	}

	@Test
	void property75_aDuplicatedCallbackIsAppliedOnce() {
		assertThat(pay(phone(6)).status()).isEqualTo(202);
		Response paid = awaitStatus("PAID");
		assertThat(paid.text("attemptState")).isEqualTo("PAID");
		assertThat(this.api.get("/api/sessions/" + this.session, this.client.token()).text("mpesaReceiptNumber"))
			.isEqualTo(paid.text("mpesaReceiptNumber"));
	}

	@Test
	void aLockedSubscriberIsRefusedWithAReason() {
		Response refused = pay(phone(7));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.code()).isEqualTo("MPESA_REJECTED");
		assertThat(refused.text("detail")).contains("Another M-Pesa request is open");
		assertThat(this.api.get("/api/sessions/" + this.session, this.client.token()).text("paymentStatus"))
			.as("the session says what the panel says (issue 14)")
			.isEqualTo("FAILED");
		assertThat(status().text("paymentStatus")).isEqualTo("FAILED");
		assertThat(pay(phone(0)).status()).isEqualTo(202);
	}

	@Test
	void property9_invalidPhoneNumbersAreRefusedBeforeAnythingHappens() {
		Response refused = pay("0812 345 678");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("INVALID_PHONE");
		assertThat(refused.text("detail")).contains("07 or 01");
		assertThat(status().text("paymentStatus")).isEqualTo("UNPAID");
	}

	@Test
	void property5_property50_whoMayPayWhat() {
		Account stranger = this.api.client();
		assertThat(this.api
			.post("/api/mpesa/initiate", stranger.token(), Map.of("sessionId", this.session, "phoneNumber", phone(0)))
			.status()).isEqualTo(404);
		assertThat(this.api
			.post("/api/mpesa/initiate", this.psychologist.token(),
					Map.of("sessionId", this.session, "phoneNumber", phone(0)))
			.status()).isEqualTo(403);
		assertThat(
				this.api.post("/api/mpesa/initiate", null, Map.of("sessionId", this.session, "phoneNumber", phone(0)))
					.status())
			.isEqualTo(401);
		assertThat(this.api.get("/api/mpesa/status/" + this.session, null).status()).isEqualTo(401);

		OffsetDateTime later = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.ofHours(3))
			.plusDays(9)
			.truncatedTo(ChronoUnit.HOURS);
		String pending = this.api
			.post("/api/sessions", this.client.token(),
					Map.of("psychologistId", this.psychologist.id().toString(), "scheduledAt", later.toString()))
			.text("id");
		Response notPayable = this.api.post("/api/mpesa/initiate", this.client.token(),
				Map.of("sessionId", pending, "phoneNumber", phone(0)));
		assertThat(notPayable.status()).isEqualTo(409);
		assertThat(notPayable.code()).isEqualTo("SESSION_NOT_PAYABLE");

		assertThat(this.api.get("/api/mpesa/status/" + this.session, this.psychologist.token()).status())
			.isEqualTo(200);
		assertThat(this.api.get("/api/mpesa/status/" + this.session, stranger.token()).status()).isEqualTo(404);
	}

	@Test
	void secondInitiationWhileOneIsLiveIsRefusedWithItsDetails() {
		assertThat(pay(phone(9)).status()).isEqualTo(202);
		Response second = pay(phone(0));
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.code()).isEqualTo("PAYMENT_IN_PROGRESS");
		assertThat(second.text("paymentId")).isNotBlank();
		assertThat(second.text("checkoutRequestId")).startsWith("ws_CO_");
	}

	@Test
	void idempotencyKeyReplaysTheSameAnswerAndRefusesAnotherRequest() {
		String key = UUID.randomUUID().toString();
		Map<String, Object> body = Map.of("sessionId", this.session, "phoneNumber", phone(9));
		Response first = this.api.call(org.springframework.http.HttpMethod.POST, "/api/mpesa/initiate",
				this.client.token(), body, Map.of("Idempotency-Key", key));
		Response replay = this.api.call(org.springframework.http.HttpMethod.POST, "/api/mpesa/initiate",
				this.client.token(), body, Map.of("Idempotency-Key", key));
		assertThat(first.status()).isEqualTo(202);
		assertThat(replay.status()).isEqualTo(202);
		assertThat(replay.text("paymentId")).isEqualTo(first.text("paymentId"));
		assertThat(replay.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
		Response other = this.api.call(org.springframework.http.HttpMethod.POST, "/api/mpesa/initiate",
				this.client.token(), Map.of("sessionId", this.session, "phoneNumber", phone(0)),
				Map.of("Idempotency-Key", key));
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
	}

	@Test
	void idempotencyKeysAreForgottenAfterAWeek(@Autowired ke.malipo.payments.web.IdempotencyKeys keys,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		UUID old = UUID.randomUUID();
		UUID recent = UUID.randomUUID();
		for (var key : Map.of(old, Duration.ofDays(7).plusMinutes(1), recent, Duration.ofDays(6)).entrySet()) {
			jdbc.sql(
					"""
							insert into payments.idempotency_keys (client_id, key, request_hash, status_code, response_body, created_at)
							values (:client, :key, 'hash', 202, '{}', :at)""")
				.param("client", this.client.id())
				.param("key", key.getKey().toString())
				.param("at", java.sql.Timestamp.from(this.clock.instant().minus(key.getValue())))
				.update();
		}
		assertThat(keys.purgeExpired()).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select key from payments.idempotency_keys where client_id = :client")
			.param("client", this.client.id())
			.query(String.class)
			.list()).contains(recent.toString()).doesNotContain(old.toString());
	}

	@Test
	void adminTestsTheConnectionAndSeesButCannotPay(@Autowired ke.malipo.identity.internal.Registration registration) {
		String email = "admin-" + UUID.randomUUID() + "@malipo.test";
		var created = registration.create(new ke.malipo.identity.internal.Registration.NewAccount("Admin", email,
				"admin-password-long", null, ke.malipo.identity.Role.ADMIN, null));
		Account admin = this.api.login(email, "admin-password-long", created.id().value());

		Response connection = this.api.post("/api/mpesa/test-connection", admin.token(), null);
		assertThat(connection.status()).isEqualTo(200);
		assertThat(connection.body().get("ok").asBoolean()).as(connection.toString()).isTrue();
		assertThat(connection.text("environment")).isEqualTo("simulator");
		assertThat(connection.body().get("tokenMillis").asLong()).isNotNegative();
		assertThat(this.api.post("/api/mpesa/test-connection", this.client.token(), null).status()).isEqualTo(403);
		assertThat(this.api.post("/api/mpesa/test-connection", this.psychologist.token(), null).status())
			.isEqualTo(403);
		assertThat(this.api.post("/api/mpesa/test-connection", null, null).status()).isEqualTo(401);

		assertThat(this.api.get("/api/mpesa/status/" + this.session, admin.token()).status()).isEqualTo(200);
		assertThat(this.api
			.post("/api/mpesa/initiate", admin.token(), Map.of("sessionId", this.session, "phoneNumber", phone(0)))
			.status()).isEqualTo(403);
	}

}
