package ke.malipo.simulator;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.time.Eat;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.daraja.PullReading;
import ke.malipo.daraja.PulledTransaction;
import ke.malipo.daraja.StkCallback;
import ke.malipo.daraja.StkCallbacks;
import ke.malipo.daraja.StkPassword;
import ke.malipo.daraja.StkPushOutcome;
import ke.malipo.daraja.StkPushRequest;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator answers like Daraja for valid and invalid requests, over raw HTTP, and a
 * person can accept a prompt on the virtual phone page.
 */
@MalipoIntegrationTest
class SimulatorHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	Daraja daraja;

	/**
	 * The simulator's clock: its records are dated by it, whatever the wall clock says.
	 */
	@Autowired
	MutableClock clock;

	@Value("${local.server.port}")
	int port;

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final StubServer receiver = new StubServer();

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	private String base() {
		return "http://localhost:" + this.port + "/simulator/daraja";
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> oauth(String credentials, String grant) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base() + "/oauth/v1/generate?grant_type=" + grant))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build());
	}

	private String token() throws Exception {
		return JSON.readTree(oauth("simulator-key:simulator-secret", "client_credentials").body())
			.get("access_token")
			.asString();
	}

	private HttpResponse<String> post(String path, String token, Object body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
	}

	private static Map<String, Object> validPush(String phone, String callbackUrl) {
		StkPassword password = StkPassword.at(Instant.now(), "174379", DarajaSettings.SANDBOX_PASSKEY);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("BusinessShortCode", 174379);
		body.put("Password", password.password());
		body.put("Timestamp", password.timestamp());
		body.put("TransactionType", "CustomerPayBillOnline");
		body.put("Amount", 1500);
		body.put("PartyA", Long.parseLong(phone));
		body.put("PartyB", 174379);
		body.put("PhoneNumber", Long.parseLong(phone));
		body.put("CallBackURL", callbackUrl);
		body.put("AccountReference", "MalipoS1042");
		body.put("TransactionDesc", "Therapy");
		return body;
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	@Test
	void oauthChecksBasicCredentialsAndGrantType() throws Exception {
		HttpResponse<String> ok = oauth("simulator-key:simulator-secret", "client_credentials");
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(json(ok).get("expires_in").isString()).isTrue();
		assertThat(json(ok).get("expires_in").asString()).isEqualTo("3599");
		HttpResponse<String> wrong = oauth("simulator-key:wrong", "client_credentials");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).as("live Daraja answers a wrong secret with no body").isEmpty();
		assertThat(json(oauth("simulator-key:simulator-secret", "password")).get("errorCode").asString())
			.isEqualTo("400.008.02");
	}

	@Test
	void apisNeedAValidBearerToken() throws Exception {
		HttpResponse<String> response = post("/mpesa/stkpush/v1/processrequest", "made-up",
				validPush("254712345678", "https://pay.example.org/hooks/stk/1"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).get("errorCode").asString()).isEqualTo("404.001.03");
		assertThat(json(response).get("errorMessage").asString()).isEqualTo("Invalid Access Token");
	}

	@Test
	void everyStkFieldIsValidatedWithDarajasMessage() throws Exception {
		String token = token();
		Map<String, Object[]> broken = new LinkedHashMap<>();
		broken.put("BusinessShortCode", new Object[] { "abc" });
		broken.put("Password", new Object[] { "" });
		broken.put("Timestamp", new Object[] { "2021-06-28" });
		broken.put("TransactionType", new Object[] { "PayBill" });
		broken.put("Amount", new Object[] { "100.50" });
		broken.put("PartyA", new Object[] { "0712345678" });
		broken.put("PartyB", new Object[] { "x" });
		broken.put("PhoneNumber", new Object[] { "255712345678" });
		broken.put("CallBackURL", new Object[] { "https://pay.example.org/with space" });
		broken.put("AccountReference", new Object[] { "ThisIsFarTooLong", "AccountReference" });
		broken.put("TransactionDesc", new Object[] { "Far too long a description", "Remarks" });
		for (Map.Entry<String, Object[]> field : broken.entrySet()) {
			Map<String, Object> body = validPush("254712345678", "https://pay.example.org/hooks/stk/1");
			body.put(field.getKey(), field.getValue()[0]);
			HttpResponse<String> response = post("/mpesa/stkpush/v1/processrequest", token, body);
			assertThat(response.statusCode()).as(field.getKey()).isEqualTo(400);
			assertThat(json(response).get("errorCode").asString()).isEqualTo("400.002.02");
			String named = (field.getValue().length > 1) ? (String) field.getValue()[1] : field.getKey();
			assertThat(json(response).get("errorMessage").asString()).isEqualTo("Bad Request - Invalid " + named);
		}
	}

	/** The lengths and messages live Daraja answers today (daraja-reference.md). */
	@Test
	void stkFieldsFollowWhatLiveDarajaAcceptsToday() throws Exception {
		String token = token();
		Map<String, Object> generous = validPush("254700000001", "https://pay.example.org/hooks/stk/1");
		generous.put("AccountReference", "UMJ-2026-000123");
		generous.put("TransactionDesc", "Lipa na mpesa online");
		assertThat(post("/mpesa/stkpush/v1/processrequest", token, generous).statusCode()).isEqualTo(200);

		Map<String, Object> noDescription = validPush("254712345678", "https://pay.example.org/hooks/stk/1");
		noDescription.remove("TransactionDesc");
		assertThat(json(post("/mpesa/stkpush/v1/processrequest", token, noDescription)).get("errorMessage").asString())
			.isEqualTo("Bad Request - Invalid Remarks");

		Map<String, Object> bothNumbersWrong = validPush("254712345678", "https://pay.example.org/hooks/stk/1");
		bothNumbersWrong.put("PartyA", "0712345678");
		bothNumbersWrong.put("PhoneNumber", "0712345678");
		assertThat(
				json(post("/mpesa/stkpush/v1/processrequest", token, bothNumbersWrong)).get("errorMessage").asString())
			.isEqualTo("Bad Request - Invalid PhoneNumber");
	}

	@Test
	void wrongPasswordUnknownShortcodeAndBadPayload() throws Exception {
		String token = token();
		Map<String, Object> wrongPassword = validPush("254712345678", "https://pay.example.org/hooks/stk/1");
		wrongPassword.put("Password", Base64.getEncoder().encodeToString("nope".getBytes()));
		HttpResponse<String> wrong = post("/mpesa/stkpush/v1/processrequest", token, wrongPassword);
		assertThat(wrong.statusCode()).isEqualTo(500);
		assertThat(json(wrong).get("errorMessage").asString()).isEqualTo("[MerchantValidate] - Wrong credentials");

		Map<String, Object> unknown = validPush("254712345678", "https://pay.example.org/hooks/stk/1");
		unknown.put("BusinessShortCode", 600999);
		assertThat(json(post("/mpesa/stkpush/v1/processrequest", token, unknown)).get("errorMessage").asString())
			.isEqualTo("Merchant does not exist");

		HttpResponse<String> garbage = send(
				HttpRequest.newBuilder(URI.create(base() + "/mpesa/stkpush/v1/processrequest"))
					.header("Authorization", "Bearer " + token)
					.POST(HttpRequest.BodyPublishers.ofString("{not json"))
					.build());
		assertThat(garbage.statusCode()).isEqualTo(400);
		assertThat(json(garbage).get("errorCode").asString()).isEqualTo("400.002.05");
	}

	@Test
	void wrongMethodIs405InDarajasShape() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(base() + "/mpesa/stkpush/v1/processrequest")).GET().build());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(json(response).get("errorCode").asString()).isEqualTo("405.001");
	}

	@Test
	void property48_aPersonAcceptsThePromptOnTheVirtualPhoneAndThePinGoesNowhere() throws Exception {
		String phone = DarajaSimulatorTests.testNumber(9);
		String hook = UUID.randomUUID().toString();
		StkPushOutcome.Accepted accepted = (StkPushOutcome.Accepted) this.daraja.stkPush(new StkPushRequest(
				Msisdn.parse(phone), Kes.of(2500), "S9", this.receiver.url() + "/hooks/stk/" + hook));
		HttpResponse<String> page = send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/simulator/phone")).GET().build());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(Msisdn.mask(phone)).contains("KES 2,500").doesNotContain(phone);
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> sent = send(HttpRequest
			.newBuilder(URI.create(
					"http://localhost:" + this.port + "/simulator/phone/" + accepted.checkoutRequestId() + "/accept"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("pin=1234&_csrf=" + csrf.group(1)))
			.build());
		assertThat(sent.statusCode()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.received("/hooks/stk/" + hook).size() == 1);
		var callback = StkCallbacks.parse(this.receiver.received("/hooks/stk/" + hook).get(0).body());
		assertThat(callback).isInstanceOfSatisfying(StkCallback.Paid.class,
				(paid) -> assertThat(paid.amount()).isEqualTo(2500L));
		assertThat(callback.toString()).doesNotContain("1234");
	}

	@Test
	void statementTransactionStatusAndPullKnowThePaidTransactions() throws Exception {
		String hook = UUID.randomUUID().toString();
		this.daraja.stkPush(new StkPushRequest(Msisdn.parse(DarajaSimulatorTests.testNumber(0)), Kes.of(1750), "S11",
				this.receiver.url() + "/hooks/stk/" + hook));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.received("/hooks/stk/" + hook).size() == 1);
		MpesaReceipt receipt = ((StkCallback.Paid) StkCallbacks
			.parse(this.receiver.received("/hooks/stk/" + hook).get(0).body())).receipt();

		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Eat.ZONE);
		HttpResponse<String> statement = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/simulator/statement.csv?from="
					+ today.minusDays(1) + "&to=" + today.plusDays(1)))
			.GET()
			.build());
		assertThat(statement.statusCode()).isEqualTo(200);
		assertThat(statement.body()).contains("Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,"
				+ "Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.");
		assertThat(statement.body()).contains(receipt.value() + ",").contains("\"1,750.00\"");
		assertThat(ke.malipo.daraja.OrgPortalStatements.parse(statement.body()))
			.filteredOn((line) -> line.receipt().equals(receipt))
			.singleElement()
			.satisfies((line) -> assertThat(line.paidIn()).isEqualTo(1750L));

		String result = UUID.randomUUID().toString();
		assertThat(this.daraja.transactionStatus(receipt, this.receiver.url() + "/results/" + result,
				this.receiver.url() + "/timeouts/" + result))
			.hasValueSatisfying((conversation) -> assertThat(conversation).startsWith("AG_"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.received("/results/" + result).size() == 1);
		assertThat(this.receiver.received("/results/" + result).get(0).body()).contains(receipt.value())
			.contains("\"ResultCode\":0");

		assertThat(this.daraja.registerPull(this.receiver.url() + "/pull-notices")).isTrue();
		assertThat(this.daraja
			.pullTransactions(this.clock.instant().minus(Duration.ofHours(1)),
					this.clock.instant().plus(Duration.ofMinutes(1)))
			.transactions()).extracting(PulledTransaction::transactionId).contains(receipt.value());
	}

	/**
	 * Issue 9: the app never registered for Pull and always read offset 0, so a receipt
	 * past the first page was never found. The simulator refuses unregistered shortcodes
	 * and serves pages of five here (test settings); the client registers (again
	 * harmlessly) and reads every page.
	 */
	@Test
	void pullNeedsRegistrationAndIsReadPageByPage() throws Exception {
		Instant from = this.clock.instant().minus(Duration.ofSeconds(1));
		List<String> receipts = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String hook = UUID.randomUUID().toString();
			this.daraja.stkPush(new StkPushRequest(Msisdn.parse(DarajaSimulatorTests.testNumber(0)), Kes.of(100 + i),
					"P" + i, this.receiver.url() + "/hooks/stk/" + hook));
			await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.received("/hooks/stk/" + hook).size() == 1);
			receipts
				.add(((StkCallback.Paid) StkCallbacks.parse(this.receiver.received("/hooks/stk/" + hook).get(0).body()))
					.receipt()
					.value());
		}
		Instant to = this.clock.instant().plus(Duration.ofSeconds(1));
		HttpResponse<String> unregistered = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/simulator/daraja/pulltransactions/v1/query"))
			.header("Authorization", "Bearer " + token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"ShortCode\":\"600999\",\"StartDate\":\"2026-11-01 0:00:00\",\"EndDate\":\"2026-11-02 0:00:00\",\"OffSetValue\":\"0\"}"))
			.build());
		assertThat(unregistered.statusCode()).isEqualTo(400);
		assertThat(unregistered.body()).contains("400.001");

		assertThat(this.daraja.registerPull(this.receiver.url() + "/pull-notices")).isTrue();
		assertThat(this.daraja.registerPull(this.receiver.url() + "/pull-notices")).as("registering again").isTrue();
		PullReading reading = this.daraja.pullTransactions(from, to);
		assertThat(reading.complete()).as(String.valueOf(reading.failure())).isTrue();
		assertThat(reading.transactions()).extracting(PulledTransaction::transactionId)
			.containsAll(receipts)
			.doesNotHaveDuplicates();
	}

}
