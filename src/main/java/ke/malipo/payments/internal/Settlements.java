package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Instant;

import ke.malipo.booking.SessionPayments;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentSettlements;
import ke.malipo.payments.SettlementFailures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settles payments in review or of unknown outcome (C8), for the finance desk now and
 * reconciliation later. Paid confirms the session in the same transaction, exactly as a
 * callback would; a session that can no longer take the money leaves the payment in
 * review until refunds exist.
 */
@Service
class Settlements implements PaymentSettlements {

	private static final Logger log = LoggerFactory.getLogger(Settlements.class);

	private final AttemptRepository attempts;

	private final OutcomeApplier applier;

	private final SessionPayments sessions;

	private final PaymentResolver resolver;

	private final Clock clock;

	Settlements(AttemptRepository attempts, OutcomeApplier applier, SessionPayments sessions, PaymentResolver resolver,
			Clock clock) {
		this.attempts = attempts;
		this.applier = applier;
		this.sessions = sessions;
		this.resolver = resolver;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public PaymentRecord record(PaymentId id) {
		PaymentAttempt attempt = find(id);
		return new PaymentRecord(AttemptChanges.facts(attempt, attempt.version()), this.attempts.history(id));
	}

	@Override
	public PaymentRecord askMpesaNow(PaymentId id) {
		PaymentAttempt attempt = find(id);
		boolean askable = switch (attempt.state()) {
			case AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW -> true;
			case PAID -> attempt.awaitsReceipt();
			default -> false;
		};
		if (!askable) {
			throw new SettlementFailures.NothingToAsk(attempt.state(), attempt.receipt() != null);
		}
		log.info("M-Pesa is asked about payment {} now", id.value());
		this.resolver.check(id);
		return record(id);
	}

	@Override
	public PaymentRecord applyMpesaRecords(PaymentId id, MpesaReceipt receipt, Kes amount, @Nullable String payerPhone,
			String source) {
		find(id);
		this.applier.paid(id, receipt, amount.shillings(), payerPhone, Evidence.records(source));
		return record(id);
	}

	@Override
	@Transactional
	public PaymentRecord settleAsPaid(PaymentId id, MpesaReceipt receipt, String why) {
		PaymentAttempt attempt = lockInReview(id);
		if (attempt.receipt() != null && !attempt.receipt().equals(receipt)) {
			throw new SettlementFailures.ReceiptMismatch(attempt.receipt().value());
		}
		Instant now = this.clock.instant();
		SessionPayments.ConfirmOutcome confirmed = this.sessions.confirmPaid(attempt.sessionId(),
				new SessionPayments.PaymentProof(attempt.id().value(),
						java.util.Objects.toString(attempt.checkoutRequestId(), null), receipt, attempt.amount(), now));
		if (!confirmed.confirmed()) {
			// The money must go back (or the session be booked again); until refunds
			// exist the payment stays in review with this answer.
			throw new SettlementFailures.SessionNotConfirmable(String.valueOf(confirmed.refusal()));
		}
		attempt.settledAsPaid(receipt, why, now);
		try {
			this.applier.save(attempt);
		}
		catch (DuplicateKeyException ex) {
			throw new SettlementFailures.ReceiptAlreadyUsed(receipt.value());
		}
		log.info("Payment {} settled as PAID", id.value());
		return new PaymentRecord(AttemptChanges.facts(attempt, attempt.version() + 1L), this.attempts.history(id));
	}

	@Override
	@Transactional
	public PaymentRecord settleAsFailed(PaymentId id, String why) {
		PaymentAttempt attempt = lockInReview(id);
		Instant now = this.clock.instant();
		attempt.settledAsFailed(why, now);
		this.sessions.recordPaymentFailed(attempt.sessionId(),
				new SessionPayments.PaymentFailure(attempt.id().value(), "MANUAL", why, now));
		this.applier.save(attempt);
		log.info("Payment {} settled as FAILED", id.value());
		return new PaymentRecord(AttemptChanges.facts(attempt, attempt.version() + 1L), this.attempts.history(id));
	}

	private PaymentAttempt lockInReview(PaymentId id) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow(Settlements::notFound);
		if (attempt.state() != AttemptState.NEEDS_REVIEW && attempt.state() != AttemptState.UNKNOWN) {
			throw new SettlementFailures.NotInReview(attempt.state());
		}
		return attempt;
	}

	private PaymentAttempt find(PaymentId id) {
		return this.attempts.findById(id).orElseThrow(Settlements::notFound);
	}

	private static NotFoundException notFound() {
		return new NotFoundException("PAYMENT_NOT_FOUND", "There is no such payment.");
	}

}
