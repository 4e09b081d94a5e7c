package ke.malipo.daraja.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.CodeClass;
import ke.malipo.daraja.CredentialReport;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.DarajaCode;
import ke.malipo.daraja.DarajaCodes;
import ke.malipo.daraja.DarajaJson;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.daraja.MerchantRequestId;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.daraja.PullReading;
import ke.malipo.daraja.StkPassword;
import ke.malipo.daraja.StkPushOutcome;
import ke.malipo.daraja.StkPushRequest;
import ke.malipo.daraja.StkQueryOutcome;
import ke.malipo.daraja.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Daraja} over HTTP. Idempotent calls (token, query, status, pull) are retried
 * with exponential backoff and jitter; an STK push is sent once and never repeated after
 * it may have left the process. Everything passes the circuit breaker.
 */
class DarajaClient implements Daraja {

	private static final Logger log = LoggerFactory.getLogger(DarajaClient.class);

	private final DarajaSettings settings;

	private final DarajaEndpoints endpoints;

	private final DarajaTransport transport;

	private final SecurityCredentials credentials;

	private final DarajaCalls calls;

	private final PullTransactionsCalls pull;

	private final Clock clock;

	DarajaClient(DarajaSettings settings, DarajaEndpoints endpoints, DarajaTransport transport,
			SecurityCredentials credentials, Clock clock) {
		this.settings = settings;
		this.endpoints = endpoints;
		this.transport = transport;
		this.credentials = credentials;
		this.clock = clock;
		this.calls = new DarajaCalls(transport);
		this.pull = new PullTransactionsCalls(settings, this.calls);
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
			this.calls.retried(this.transport::token);
			answer = this.calls
				.guarded(() -> DarajaCalls.classify(this.transport.post("/mpesa/stkpush/v1/processrequest", body)));
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
			answer = this.calls.postRetried("/mpesa/stkpushquery/v1/query", body);
		}
		catch (CallNotPermittedException ex) {
			return new StkQueryOutcome.Unknown("M-Pesa is failing; queries are paused for a moment.");
		}
		catch (TransientDarajaException ex) {
			return new StkQueryOutcome.Unknown(ex.getMessage());
		}
		catch (DarajaRefusedException ex) {
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
			DarajaAnswer answer = this.calls.postRetried("/mpesa/transactionstatus/v1/query", body);
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
		return this.pull.register(callbackUrl);
	}

	@Override
	public PullReading pullTransactions(Instant from, Instant to) {
		return this.pull.read(from, to);
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
