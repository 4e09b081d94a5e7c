package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import ke.malipo.booking.SessionPayments;
import ke.malipo.daraja.DarajaCode;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what M-Pesa said about an attempt, once: the attempt row is locked, a final
 * attempt ignores late or repeated news (recorded, not applied), and the attempt, its
 * session and the events commit together or not at all.
 */
@Component
class OutcomeApplier {

	private static final Logger log = LoggerFactory.getLogger(OutcomeApplier.class);

	private final AttemptRepository attempts;

	private final SessionPayments sessions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OutcomeApplier(AttemptRepository attempts, SessionPayments sessions, ApplicationEventPublisher events,
			Clock clock) {
		this.attempts = attempts;
		this.sessions = sessions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * M-Pesa proved a payment with its receipt. True when it was applied (not a
	 * duplicate).
	 */
	@Transactional
	public boolean paid(PaymentId id, String receipt, long amount, @Nullable String payerPhone, String source) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		Instant now = this.clock.instant();
		if (!isOpen(attempt)) {
			attempt.noted("DUPLICATE", source + " reports receipt " + receipt + "; already " + attempt.state(), now);
			save(attempt);
			return false;
		}
		Optional<PaymentId> holder = this.attempts.receiptHolder(receipt);
		if (holder.isPresent()) {
			// One receipt proves one payment: a second claim on it is never money for
			// this attempt, and storing it again would break the rule the database keeps.
			attempt.needsReview(
					source + " reports receipt " + receipt + ", which already proves payment " + holder.get().value(),
					now);
		}
		else if (amount != attempt.amount().shillings()) {
			attempt.paidButHeldForReview(receipt,
					"M-Pesa reports KES " + amount + " paid for a request of " + attempt.amount(), now);
		}
		else if (payerPhone != null && payerPhone.matches("\\d{12}") && !payerPhone.equals(attempt.phone().value())) {
			attempt.paidButHeldForReview(receipt,
					"M-Pesa reports the payment from another number than the one prompted", now);
		}
		else {
			SessionPayments.ConfirmOutcome confirmed = this.sessions.confirmPaid(attempt.sessionId(),
					new SessionPayments.PaymentProof(attempt.id().value(), attempt.checkoutRequestId(), receipt,
							attempt.amount(), now));
			if (confirmed.confirmed()) {
				attempt.paid(receipt, amount, now);
			}
			else {
				attempt.paidButHeldForReview(receipt, String.valueOf(confirmed.refusal()), now);
			}
		}
		save(attempt);
		return true;
	}

	/** M-Pesa's final word is no. True when it was applied. */
	@Transactional
	public boolean failed(PaymentId id, DarajaCode code, String description, String source) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		Instant now = this.clock.instant();
		if (!isOpen(attempt)) {
			attempt.noted("DUPLICATE", source + " reports " + code.code() + "; already " + attempt.state(), now);
			save(attempt);
			return false;
		}
		attempt.failed(code, description, now);
		this.sessions.recordPaymentFailed(attempt.sessionId(),
				new SessionPayments.PaymentFailure(attempt.id().value(), code.code(), description, now));
		save(attempt);
		return true;
	}

	/**
	 * No final answer yet: schedule the next check (or hand over to review after 24
	 * hours).
	 */
	@Transactional
	public void stillPending(PaymentId id, String answer) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		if (isOpen(attempt)) {
			Instant now = this.clock.instant();
			attempt.queried(now);
			attempt.stillPending(answer, now);
			save(attempt);
		}
	}

	/** An ambiguous attempt learns Daraja's ids from its authenticated callback. */
	@Transactional
	public void learnIds(PaymentId id, String merchantRequestId, String checkoutRequestId) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		if (attempt.checkoutRequestId() == null) {
			attempt.learnIds(merchantRequestId, checkoutRequestId, this.clock.instant());
			save(attempt);
		}
	}

	/**
	 * The push of an attempt stuck as INITIATED may have gone out: never resend, settle
	 * by records.
	 */
	@Transactional
	public void lostPushAnswer(PaymentId id) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		if (attempt.state() == AttemptState.INITIATED) {
			attempt.ambiguous("The answer to the STK push was never stored; it may have reached the phone",
					this.clock.instant());
			save(attempt);
		}
	}

	private static boolean isOpen(PaymentAttempt attempt) {
		return attempt.state() == AttemptState.AWAITING_CUSTOMER || attempt.state() == AttemptState.UNKNOWN;
	}

	void save(PaymentAttempt attempt) {
		this.attempts.update(attempt);
		attempt.drainEvents().forEach((event) -> {
			log.info("Payment {} of session {}: {}", event.paymentId(), event.sessionId(),
					event.getClass().getSimpleName());
			this.events.publishEvent(event);
		});
	}

}
