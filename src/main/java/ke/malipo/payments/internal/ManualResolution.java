package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import ke.malipo.booking.SessionPayments;
import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.daraja.MpesaReceipt;
import ke.malipo.identity.CurrentUser;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentStep;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin settles a payment in review, or one whose outcome is unknown (C8): paid, with
 * the M-Pesa receipt they found in M-Pesa's records, or failed. Failed is safe even when
 * wrong: money M-Pesa proves later is still applied (late money). Before deciding, an
 * admin can ask M-Pesa now. A reason is required and goes into the payment's timeline
 * with who decided, so the decision can be read back later. Paid confirms the session in
 * the same transaction, exactly as a callback would.
 */
@Service
public class ManualResolution {

	private static final Logger log = LoggerFactory.getLogger(ManualResolution.class);

	static final int MIN_REASON = 10;

	static final int MAX_REASON = 500;

	private final AttemptRepository attempts;

	private final OutcomeApplier applier;

	private final SessionPayments sessions;

	private final PaymentResolver resolver;

	private final Clock clock;

	ManualResolution(AttemptRepository attempts, OutcomeApplier applier, SessionPayments sessions,
			PaymentResolver resolver, Clock clock) {
		this.attempts = attempts;
		this.applier = applier;
		this.sessions = sessions;
		this.resolver = resolver;
		this.clock = clock;
	}

	/**
	 * The payment as payments holds it now, with its whole timeline: what an admin reads
	 * right after deciding (finance's desk follows a moment later, from the events).
	 */
	public Settled settled(PaymentId id) {
		PaymentAttempt attempt = this.attempts.findById(id)
			.orElseThrow(() -> new NotFoundException("PAYMENT_NOT_FOUND", "There is no such payment."));
		return new Settled(attempt, this.attempts.history(id));
	}

	/** A payment and its timeline. */
	public record Settled(PaymentAttempt attempt, List<PaymentStep> timeline) {
	}

	/**
	 * Asks M-Pesa about a payment now rather than on its schedule.
	 * @throws PaymentFailures.NothingToAsk when the payment is settled
	 */
	public void askMpesaNow(CurrentUser admin, PaymentId id) {
		if (!admin.isAdmin()) {
			throw new ForbiddenException("Only admins can ask M-Pesa about a payment.");
		}
		PaymentAttempt attempt = this.attempts.findById(id)
			.orElseThrow(() -> new NotFoundException("PAYMENT_NOT_FOUND", "There is no such payment."));
		boolean askable = switch (attempt.state()) {
			case AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW -> true;
			case PAID -> attempt.awaitsReceipt();
			default -> false;
		};
		if (!askable) {
			throw new PaymentFailures.NothingToAsk("This payment is " + attempt.state()
					+ (attempt.receipt() != null ? " with its receipt" : "") + "; there is nothing to ask M-Pesa.");
		}
		log.info("Admin {} asks M-Pesa about payment {} now", admin.id().value(), id.value());
		this.resolver.check(id);
	}

	/**
	 * Reads the decision's outcome.
	 * @return whether the money arrived ({@code PAID}) or not ({@code FAILED})
	 * @throws InvalidInputException for anything else
	 */
	public static boolean moneyArrived(@Nullable String outcome) {
		if ("PAID".equals(outcome)) {
			return true;
		}
		if ("FAILED".equals(outcome)) {
			return false;
		}
		throw new InvalidInputException("outcome", "Choose PAID (the money arrived) or FAILED (no money moved).");
	}

	/**
	 * Settles the attempt.
	 * @param receipt the M-Pesa receipt, required when the money arrived
	 * @throws InvalidInputException when the reason or receipt is missing or malformed
	 * @throws PaymentFailures.NotInReview when the attempt is not waiting for a person,
	 * {@link PaymentFailures.SessionNotConfirmable} when its session can no longer be
	 * confirmed, {@link PaymentFailures.ReceiptMismatch} or
	 * {@link PaymentFailures.ReceiptAlreadyUsed}
	 */
	@Transactional
	public void resolve(CurrentUser admin, PaymentId id, boolean moneyArrived, @Nullable String receipt,
			@Nullable String reason) {
		if (!admin.isAdmin()) {
			throw new ForbiddenException("Only admins can settle a payment in review.");
		}
		MpesaReceipt receiptNumber = validate(moneyArrived, receipt, reason);
		PaymentAttempt attempt = this.attempts.lock(id)
			.orElseThrow(() -> new NotFoundException("PAYMENT_NOT_FOUND", "There is no such payment."));
		if (attempt.state() != AttemptState.NEEDS_REVIEW && attempt.state() != AttemptState.UNKNOWN) {
			throw new PaymentFailures.NotInReview(
					"Only a payment in review or of unknown outcome can be settled by hand; this one is "
							+ attempt.state() + ".");
		}
		Instant now = this.clock.instant();
		String why = "By " + admin.name() + " <" + admin.email() + ">: " + Objects.requireNonNull(reason).strip();
		try {
			if (moneyArrived) {
				paid(attempt, Objects.requireNonNull(receiptNumber), why, now);
			}
			else {
				attempt.settledAsFailed(why, now);
				this.sessions.recordPaymentFailed(attempt.sessionId(),
						new SessionPayments.PaymentFailure(attempt.id().value(), "MANUAL", why, now));
			}
			this.applier.save(attempt);
		}
		catch (DuplicateKeyException ex) {
			throw new PaymentFailures.ReceiptAlreadyUsed(String.valueOf(receiptNumber));
		}
		log.info("Payment {} settled by hand as {} by admin {}", id.value(), attempt.state(), admin.id().value());
	}

	private void paid(PaymentAttempt attempt, MpesaReceipt receipt, String why, Instant now) {
		if (attempt.receipt() != null && !attempt.receipt().equals(receipt)) {
			throw new PaymentFailures.ReceiptMismatch(attempt.receipt().value());
		}
		SessionPayments.ConfirmOutcome confirmed = this.sessions.confirmPaid(attempt.sessionId(),
				new SessionPayments.PaymentProof(attempt.id().value(),
						Objects.toString(attempt.checkoutRequestId(), null), receipt.value(), attempt.amount(), now));
		if (!confirmed.confirmed()) {
			// The money must go back (or the session be booked again); until refunds
			// exist the payment stays in review with this answer.
			throw new PaymentFailures.SessionNotConfirmable(String.valueOf(confirmed.refusal()));
		}
		attempt.settledAsPaid(receipt, why, now);
	}

	private static @Nullable MpesaReceipt validate(boolean moneyArrived, @Nullable String receipt,
			@Nullable String reason) {
		List<FieldProblem> problems = new ArrayList<>();
		String trimmed = (reason != null) ? reason.strip() : "";
		if (trimmed.length() < MIN_REASON || trimmed.length() > MAX_REASON) {
			problems.add(new FieldProblem("reason", "Say why in " + MIN_REASON + " to " + MAX_REASON
					+ " characters; it stays in the payment's timeline."));
		}
		boolean given = receipt != null && !receipt.isBlank();
		MpesaReceipt receiptNumber = MpesaReceipt.tryParse(receipt).orElse(null);
		if (moneyArrived && receiptNumber == null) {
			problems.add(new FieldProblem("mpesaReceiptNumber",
					"Enter the 10-character M-Pesa receipt from M-Pesa's records, e.g. TK4AB12CDE."));
		}
		if (!moneyArrived && given) {
			problems.add(new FieldProblem("mpesaReceiptNumber", "A failed payment has no receipt."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return receiptNumber;
	}

}
