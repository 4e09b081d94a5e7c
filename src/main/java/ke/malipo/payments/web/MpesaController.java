package ke.malipo.payments.web;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ke.malipo.booking.SessionId;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.daraja.CredentialReport;
import ke.malipo.daraja.Daraja;
import ke.malipo.identity.CurrentUser;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.internal.CallbackReceiver;
import ke.malipo.payments.internal.PaymentAttempt;
import ke.malipo.payments.internal.PaymentInitiation;
import ke.malipo.payments.internal.PaymentSettings;
import ke.malipo.payments.internal.PaymentStatusService;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The M-Pesa rows of api.md. */
@RestController
class MpesaController {

	private static final Map<String, Object> ACCEPTED = Map.of("ResultCode", 0, "ResultDesc", "Accepted");

	private final PaymentInitiation initiation;

	private final CallbackReceiver callbacks;

	private final PaymentStatusService statuses;

	private final IdempotencyKeys idempotency;

	private final Daraja daraja;

	private final org.springframework.context.MessageSource messages;

	MpesaController(PaymentInitiation initiation, CallbackReceiver callbacks, PaymentStatusService statuses,
			IdempotencyKeys idempotency, Daraja daraja, org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.initiation = initiation;
		this.callbacks = callbacks;
		this.statuses = statuses;
		this.idempotency = idempotency;
		this.daraja = daraja;
	}

	@PostMapping("/api/mpesa/initiate")
	ResponseEntity<Object> initiate(@Valid @RequestBody InitiateRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key, CurrentUser user) {
		if (key == null) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(start(request, user));
		}
		return this.idempotency.run(user.id(), key, request.sessionId() + "|" + request.phoneNumber().strip(),
				() -> start(request, user));
	}

	private InitiateResponse start(InitiateRequest request, CurrentUser user) {
		PaymentAttempt attempt = this.initiation.initiate(user, new SessionId(request.sessionId()),
				Msisdn.parse(request.phoneNumber()));
		return new InitiateResponse(attempt.id().value(), attempt.sessionId().value(),
				Objects.toString(attempt.checkoutRequestId(), null), "PROCESSING",
				Messages.forAttempt(attempt, this.messages));
	}

	/** Daraja's result for one attempt; the path carries the attempt's secret token. */
	@PostMapping({ "/api/mpesa/callback/{token}",
			"${malipo.payments.callback-path:/api/payments/stk-callback}/{token}" })
	Map<String, Object> callback(@PathVariable String token, @RequestBody(required = false) @Nullable String body,
			HttpServletRequest http) {
		this.callbacks.receive(token, (body != null) ? body : "", http.getRemoteAddr());
		return ACCEPTED;
	}

	/**
	 * Where M-Pesa may post notices about the Pull Transactions registration. They carry
	 * nothing Malipo acts on (Pull is read on demand), so nothing is stored.
	 */
	@PostMapping(PaymentSettings.PULL_NOTICE_PATH)
	Map<String, Object> pullNotice() {
		return ACCEPTED;
	}

	@GetMapping("/api/mpesa/status/{sessionId}")
	StatusResponse status(@PathVariable UUID sessionId, CurrentUser user) {
		Optional<PaymentAttempt> attempt = this.statuses.status(new SessionId(sessionId), user);
		return attempt
			.map((a) -> new StatusResponse(sessionId, paymentStatus(a.state()), a.resultCode(),
					Messages.forAttempt(a, this.messages), Objects.toString(a.receipt(), null), a.amount().shillings(),
					a.phone().masked(), a.updatedAt(), a.id().value(), a.state().name()))
			.orElseGet(() -> new StatusResponse(sessionId, "UNPAID", null,
					"No payment has been made for this session yet.", null, null, null, null, null, null));
	}

	@PostMapping("/api/mpesa/test-connection")
	TestConnectionResponse testConnection(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new ForbiddenException("Only admins can test the M-Pesa connection.");
		}
		CredentialReport report = this.daraja.checkCredentials();
		return new TestConnectionResponse(report.ok(), report.environment().name().toLowerCase(), report.tokenMillis(),
				report.detail());
	}

	private static String paymentStatus(AttemptState state) {
		return switch (state) {
			case PAID -> "PAID";
			case FAILED -> "FAILED";
			default -> "PROCESSING";
		};
	}

	record InitiateRequest(@NotNull UUID sessionId, @NotBlank @Size(max = 32) String phoneNumber) {
	}

	record InitiateResponse(UUID paymentId, UUID sessionId, @Nullable String checkoutRequestId, String paymentStatus,
			String message) {
	}

	record StatusResponse(UUID sessionId, String paymentStatus, @Nullable String resultCode, String message,
			@Nullable String mpesaReceiptNumber, @Nullable Long amount, @Nullable String phoneNumberMasked,
			@Nullable Instant updatedAt, @Nullable UUID paymentId, @Nullable String attemptState) {
	}

	record TestConnectionResponse(boolean ok, String environment, long tokenMillis, String detail) {
	}

}
