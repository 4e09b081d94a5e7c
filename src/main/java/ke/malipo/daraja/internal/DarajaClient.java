package ke.malipo.daraja.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import ke.malipo.common.time.Eat;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.CodeClass;
import ke.malipo.daraja.CredentialReport;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.DarajaCode;
import ke.malipo.daraja.DarajaCodes;
import ke.malipo.daraja.DarajaJson;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.daraja.MerchantRequestId;
import ke.malipo.daraja.MpesaReceipt;
import ke.malipo.daraja.PulledTransaction;
import ke.malipo.daraja.StkPassword;
import ke.malipo.daraja.StkPushOutcome;
import ke.malipo.daraja.StkPushRequest;
import ke.malipo.daraja.StkQueryOutcome;
import ke.malipo.daraja.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@link Daraja} over HTTP. Idempotent calls (token, query, status, pull) are retried
 * with exponential backoff and jitter; an STK push is sent once and never repeated after
 * it may have left the process. Everything passes the circuit breaker.
 */
class DarajaClient implements Daraja {

	private static final Logger log = LoggerFactory.getLogger(DarajaClient.class);

	private static final DateTimeFormatter PULL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss")
		.withZone(Eat.ZONE);

	/** Bounds one Pull reading (Daraja's pages are large; 48 hours fit easily). */
	static final int MAX_PULL_PAGES = 200;

	private final DarajaSettings settings;

	private final DarajaEndpoints endpoints;

	private final DarajaTransport transport;

	private final SecurityCredentials credentials;

	private final Retry retry;

	private final Clock clock;

	DarajaClient(DarajaSettings settings, DarajaEndpoints endpoints, DarajaTransport transport,
			SecurityCredentials credentials, Clock clock) {
		this.settings = settings;
		this.endpoints = endpoints;
		this.transport = transport;
		this.credentials = credentials;
		this.clock = clock;
		this.retry = Retry.of("daraja-idempotent",
				RetryConfig.custom()
					.maxAttempts(3)
					.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5))
					.retryExceptions(TransientDarajaException.class)
					.build());
	}

	@Override
	public StkPushOutcome stkPush(StkPushRequest request) {
		Map<String, Object> body = merchantFields();
		body.put("TransactionType", this.settings.transactionType().darajaName());
		body.put("Amount", request.amount().shillings());
		body.put("PartyA", request.phone().value());
		body.put("PartyB",
				(this.settings.transactionType() == TransactionType.TILL) ? this.settings.tillNumber() : shortcode());
		body.put("PhoneNumber", request.phone().value());
		body.put("CallBackURL", request.callbackUrl());
		body.put("AccountReference", request.accountReference(this.settings.businessName()));
		body.put("TransactionDesc", StkPushRequest.transactionDesc(this.settings.businessName()));
		DarajaAnswer answer;
		try {
			// The token request is idempotent, so it may be retried; the push itself
			// never is.
			retried(this.transport::token);
			answer = guarded(() -> classify(this.transport.post("/mpesa/stkpush/v1/processrequest", body)));
		}
		catch (CallNotPermittedException ex) {
			return new StkPushOutcome.Unavailable("M-Pesa is failing; requests are paused for a moment.");
		}
		catch (TransientDarajaException ex) {
			if (ex.answer() != null && !ex.maybeSent()) {
				// Busy or rate-limited: refused before any prompt, so the caller may back
				// off and resend.
				return rejected(ex.answer());
			}
			return ex.maybeSent() ? new StkPushOutcome.Ambiguous(ex.getMessage())
					: new StkPushOutcome.Unavailable(ex.getMessage());
		}
		catch (DarajaRefusedException ex) {
			return rejected(ex.answer());
		}
		Optional<String> checkout = DarajaJson.text(answer.body(), "CheckoutRequestID");
		Optional<String> merchant = DarajaJson.text(answer.body(), "MerchantRequestID");
		if (answer.isError()) {
			return rejected(answer);
		}
		if (checkout.isEmpty() || merchant.isEmpty()
				|| !"0".equals(DarajaJson.text(answer.body(), "ResponseCode").orElse(""))) {
			// A 200 we cannot read may still have started a prompt.
			return new StkPushOutcome.Ambiguous("Daraja's answer could not be understood");
		}
		return new StkPushOutcome.Accepted(new MerchantRequestId(merchant.get()), new CheckoutRequestId(checkout.get()),
				DarajaJson.text(answer.body(), "CustomerMessage").orElse("Request accepted for processing"));
	}

	private StkPushOutcome rejected(DarajaAnswer answer) {
		DarajaCode code = answer.errorClass();
		if (code.codeClass() == CodeClass.AMBIGUOUS || code.codeClass() == CodeClass.PENDING) {
			return new StkPushOutcome.Ambiguous(answer.errorCode() + " " + answer.errorMessage());
		}
		Duration backOff = (code.codeClass() == CodeClass.RETRYABLE) ? Duration.ofSeconds(30) : null;
		return new StkPushOutcome.Rejected(code, answer.errorMessage(), backOff);
	}

	@Override
	public StkQueryOutcome stkQuery(CheckoutRequestId checkoutRequestId) {
		Map<String, Object> body = merchantFields();
		body.put("CheckoutRequestID", checkoutRequestId.value());
		DarajaAnswer answer;
		try {
			answer = retried(() -> classify(this.transport.post("/mpesa/stkpushquery/v1/query", body)));
		}
		catch (CallNotPermittedException ex) {
			return new StkQueryOutcome.Unknown("M-Pesa is failing; queries are paused for a moment.");
		}
		catch (TransientDarajaException | DarajaRefusedException ex) {
			return new StkQueryOutcome.Unknown(ex.getMessage());
		}
		if (answer.isError()) {
			DarajaCode code = answer.errorClass();
			if (code.codeClass() == CodeClass.PENDING) {
				return new StkQueryOutcome.Pending(answer.errorMessage());
			}
			return new StkQueryOutcome.Unknown(answer.errorCode() + " " + answer.errorMessage());
		}
		Optional<String> resultCode = DarajaJson.text(answer.body(), "ResultCode");
		if (resultCode.isEmpty()) {
			return new StkQueryOutcome.Pending("No result yet");
		}
		String description = DarajaJson.withoutPrefix(DarajaJson.text(answer.body(), "ResultDesc").orElse(""));
		DarajaCode code = DarajaCodes.result(resultCode.get());
		return switch (code.codeClass()) {
			// ResultCode 4999 "still under processing": the customer has not answered.
			case PENDING -> new StkQueryOutcome.Pending(resultCode.get() + " " + description);
			// A code nobody has documented proves nothing either way: ask again later.
			case AMBIGUOUS, AUTHENTICATION ->
				new StkQueryOutcome.Unknown("Unknown result " + resultCode.get() + " " + description);
			default -> new StkQueryOutcome.Completed(resultCode.get(), description, code);
		};
	}

	@Override
	public Optional<String> transactionStatus(MpesaReceipt receipt, String resultUrl, String timeoutUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("Initiator", Objects.requireNonNullElse(this.settings.initiator().name(), ""));
		body.put("SecurityCredential", this.credentials.securityCredential());
		body.put("CommandID", "TransactionStatusQuery");
		body.put("TransactionID", receipt.value());
		body.put("PartyA", shortcode());
		body.put("IdentifierType", "4");
		body.put("ResultURL", resultUrl);
		body.put("QueueTimeOutURL", timeoutUrl);
		body.put("Remarks", "Reconciliation");
		body.put("Occasion", "Malipo");
		try {
			DarajaAnswer answer = retried(
					() -> classify(this.transport.post("/mpesa/transactionstatus/v1/query", body)));
			if (answer.isError()) {
				log.warn("Transaction Status refused: {} {}", answer.errorCode(), answer.errorMessage());
				return Optional.empty();
			}
			return DarajaJson.text(answer.body(), "ConversationID");
		}
		catch (CallNotPermittedException | TransientDarajaException | DarajaRefusedException ex) {
			log.warn("Transaction Status failed: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	@Override
	public boolean registerPull(String callbackUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ShortCode", shortcode());
		body.put("RequestType", "Pull");
		body.put("NominatedNumber", Objects.requireNonNullElse(this.settings.pullNominatedNumber(), ""));
		body.put("CallBackURL", callbackUrl);
		try {
			DarajaAnswer answer = retried(() -> classify(this.transport.post("/pulltransactions/v1/register", body)));
			String status = DarajaJson.text(answer.body(), "ResponseStatus").orElse("");
			// 1000: registered now; 1001: registered before. Both mean Pull works.
			if (!answer.isError() && (status.equals("1000") || status.equals("1001"))) {
				return true;
			}
			log.warn("Pull Transactions registration refused: {} {}", answer.errorCode(),
					DarajaJson.text(answer.body(), "ResponseDescription").orElse(answer.errorMessage()));
			return false;
		}
		catch (CallNotPermittedException | TransientDarajaException | DarajaRefusedException ex) {
			log.warn("Pull Transactions registration failed: {}", ex.getMessage());
			return false;
		}
	}

	@Override
	public List<PulledTransaction> pullTransactions(Instant from, Instant to) {
		List<PulledTransaction> all = new ArrayList<>();
		for (int page = 0; page < MAX_PULL_PAGES; page++) {
			List<PulledTransaction> rows = pullPage(from, to, all.size());
			if (rows.isEmpty()) {
				break;
			}
			all.addAll(rows);
		}
		return all;
	}

	/** One page of Pull results starting at this row offset; empty when none are left. */
	private List<PulledTransaction> pullPage(Instant from, Instant to, int offset) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ShortCode", shortcode());
		body.put("StartDate", PULL_TIME.format(from));
		body.put("EndDate", PULL_TIME.format(to));
		body.put("OffSetValue", String.valueOf(offset));
		DarajaAnswer answer;
		try {
			answer = retried(() -> classify(this.transport.post("/pulltransactions/v1/query", body)));
		}
		catch (CallNotPermittedException | TransientDarajaException | DarajaRefusedException ex) {
			log.warn("Pull Transactions failed at offset {}: {}", offset, ex.getMessage());
			return List.of();
		}
		if (answer.isError()) {
			log.warn("Pull Transactions refused at offset {}: {} {}", offset, answer.errorCode(),
					answer.errorMessage());
			return List.of();
		}
		List<PulledTransaction> transactions = new ArrayList<>();
		// Daraja nests the list twice: "Response": [[ {...}, {...} ]].
		for (JsonNode page : answer.body().path("Response")) {
			for (JsonNode row : page.isArray() ? page : List.of(page)) {
				DarajaJson.text(row, "transactionId")
					.ifPresent((id) -> transactions
						.add(new PulledTransaction(id, pullDate(row), DarajaJson.text(row, "msisdn").orElse(null),
								DarajaJson.wholeShillings(DarajaJson.text(row, "amount").orElse(null)),
								DarajaJson.text(row, "billreference").orElse(null),
								DarajaJson.text(row, "transactiontype").orElse(null))));
			}
		}
		return transactions;
	}

	private static Instant pullDate(JsonNode row) {
		return DarajaJson.text(row, "trxDate").map((text) -> {
			try {
				return Instant.parse(text);
			}
			catch (java.time.format.DateTimeParseException ex) {
				return null;
			}
		}).orElse(null);
	}

	@Override
	public String callbackUrl(String path) {
		return this.endpoints.callbackBase() + (path.startsWith("/") ? path : "/" + path);
	}

	@Override
	public CredentialReport checkCredentials() {
		return new CredentialCheck(this.settings, this.transport, this, this.clock).run();
	}

	@Override
	public CircuitState circuitState() {
		return switch (this.transport.breaker().getState()) {
			case OPEN, FORCED_OPEN -> CircuitState.OPEN;
			case HALF_OPEN -> CircuitState.HALF_OPEN;
			default -> CircuitState.CLOSED;
		};
	}

	/**
	 * Turns answers that mean "try again" into exceptions, so the breaker counts them and
	 * the retry (where allowed) repeats them; business answers pass through.
	 */
	private static DarajaAnswer classify(DarajaAnswer answer) {
		if (answer.isError()) {
			CodeClass codeClass = answer.errorClass().codeClass();
			if (codeClass == CodeClass.RETRYABLE) {
				throw new TransientDarajaException(answer, false);
			}
			if (codeClass == CodeClass.AMBIGUOUS) {
				throw new TransientDarajaException(answer, true);
			}
		}
		return answer;
	}

	private <T> T guarded(Supplier<T> call) {
		return this.transport.breaker().executeSupplier(call);
	}

	private <T> T retried(Supplier<T> call) {
		return this.retry.executeSupplier(() -> guarded(call));
	}

	/**
	 * Shortcode, Password and Timestamp: one fresh Nairobi timestamp used in both fields.
	 */
	private Map<String, Object> merchantFields() {
		StkPassword password = StkPassword.at(this.clock.instant(), shortcode(), passkey());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("BusinessShortCode", shortcode());
		body.put("Password", password.password());
		body.put("Timestamp", password.timestamp());
		return body;
	}

	private String shortcode() {
		return Objects.requireNonNull(this.settings.shortcode(), "malipo.mpesa.shortcode");
	}

	private String passkey() {
		return Objects.requireNonNull(this.settings.passkey(), "malipo.mpesa.passkey");
	}

}
