package ke.malipo.payments.web;

import java.util.Map;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.ProblemStatuses;
import ke.malipo.payments.SettlementFailures;
import ke.malipo.payments.internal.IllegalAttemptTransitionException;
import ke.malipo.payments.internal.PaymentFailures;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** How payments' failures read over HTTP (the codes and statuses of api.md). */
@Component
class PaymentProblemStatuses implements ProblemStatuses {

	@Override
	public Map<Class<? extends MalipoException>, HttpStatus> statuses() {
		return Map.ofEntries(Map.entry(PaymentFailures.TooManyPrompts.class, HttpStatus.TOO_MANY_REQUESTS),
				Map.entry(PaymentFailures.MpesaRefusedPayment.class, HttpStatus.UNPROCESSABLE_CONTENT),
				Map.entry(PaymentFailures.MpesaUnavailable.class, HttpStatus.SERVICE_UNAVAILABLE),
				Map.entry(PaymentFailures.PaymentInProgress.class, HttpStatus.CONFLICT),
				Map.entry(SettlementFailures.NothingToAsk.class, HttpStatus.CONFLICT),
				Map.entry(SettlementFailures.NotInReview.class, HttpStatus.CONFLICT),
				Map.entry(SettlementFailures.ReceiptAlreadyUsed.class, HttpStatus.CONFLICT),
				Map.entry(SettlementFailures.ReceiptMismatch.class, HttpStatus.CONFLICT),
				Map.entry(SettlementFailures.SessionNotConfirmable.class, HttpStatus.CONFLICT),
				Map.entry(IdempotencyKeys.InvalidIdempotencyKey.class, HttpStatus.BAD_REQUEST),
				Map.entry(IdempotencyKeys.IdempotencyKeyReused.class, HttpStatus.UNPROCESSABLE_CONTENT),
				Map.entry(IdempotencyKeys.RequestInProgress.class, HttpStatus.CONFLICT),
				Map.entry(PaymentFailures.MalformedCallback.class, HttpStatus.BAD_REQUEST),
				Map.entry(PaymentFailures.ForgedCallback.class, HttpStatus.FORBIDDEN),
				Map.entry(PaymentFailures.TooManyRefusedCallbacks.class, HttpStatus.TOO_MANY_REQUESTS),
				Map.entry(IllegalAttemptTransitionException.class, HttpStatus.CONFLICT));
	}

}
