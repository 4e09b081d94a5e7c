package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import ke.malipo.booking.SessionPayments;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.DarajaCode;
import ke.malipo.daraja.MerchantRequestId;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private final Clock clock;

	OutcomeApplier(AttemptRepository attempts, SessionPayments sessions, Clock clock) {
		this.attempts = attempts;
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * M-Pesa proved a payment with its receipt. True when it was applied (not a
	 * duplicate). Late money is never dropped: an attempt already FAILED or in review
	 * becomes PAID when its session can still be confirmed, and NEEDS_REVIEW with the
	 * receipt otherwise.
	 */
	@Transactional
	public boolean paid(PaymentId id, MpesaReceipt receipt, long amount, @Nullable String payerPhone, Evidence source) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		Instant now = this.clock.instant();
		source.noteOn(attempt, now);
		if (receipt.equals(attempt.receipt())) {
			attempt.noted(HistoryKind.DUPLICATE,
					source + " reports receipt " + receipt + "; already " + attempt.state(), now);
			save(attempt);
			return false;
		}
		if (attempt.awaitsReceipt()) {
			return attachReceipt(attempt, receipt, amount, source, now);
		}
		if (attempt.state() == AttemptState.PAID || attempt.receipt() != null) {
			// The same push cannot be paid twice; a second receipt is an anomaly for a
			// person and for reconciliation, kept in the timeline and the log.
			attempt.noted(HistoryKind.UNEXPECTED_RECEIPT, source + " reports receipt " + receipt + " (KES " + amount
					+ ") for a payment already holding " + attempt.receipt(), now);
			log.error("Payment {} ({}) got a second receipt {} from {}", id.value(), attempt.state(), receipt, source);
			save(attempt);
			return false;
		}
		Optional<PaymentId> holder = this.attempts.receiptHolder(receipt);
		if (holder.isPresent()) {
			// One receipt proves one payment: a second claim on it is never money for
			// this attempt, and storing it again would break the rule the database keeps.
			String why = source + " reports receipt " + receipt + ", which already proves payment "
					+ holder.get().value();
			if (attempt.state() == AttemptState.FAILED) {
				attempt.noted(HistoryKind.RECEIPT_OF_ANOTHER_PAYMENT, why, now);
			}
			else {
				attempt.needsReview(why, now);
			}
		}
		else if (amount != attempt.amount().shillings()) {
			attempt.paidButHeldForReview(receipt,
					"M-Pesa reports KES " + amount + " paid for a request of " + attempt.amount(), now);
		}
		else if (Msisdn.tryParse(payerPhone).filter((payer) -> !payer.equals(attempt.phone())).isPresent()) {
			attempt.paidButHeldForReview(receipt,
					"M-Pesa reports the payment from another number than the one prompted", now);
		}
		else {
			SessionPayments.ConfirmOutcome confirmed = confirm(attempt, receipt, now);
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

	/**
	 * M-Pesa's query says the money moved but gives no receipt: the attempt is PAID and
	 * its session confirmed, receipt to follow; or, when the session can no longer take
	 * it, NEEDS_REVIEW for a person. True when it was applied.
	 */
	@Transactional
	public boolean paidByQuery(PaymentId id, Evidence source) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		Instant now = this.clock.instant();
		if (attempt.state() == AttemptState.PAID || attempt.receipt() != null) {
			attempt.noted(HistoryKind.QUERY_PAID, source + " reports the payment complete; already " + attempt.state(),
					now);
			save(attempt);
			return false;
		}
		SessionPayments.ConfirmOutcome confirmed = confirm(attempt, null, now);
		if (confirmed.confirmed()) {
			attempt.paidReceiptToFollow(now);
		}
		else {
			attempt.needsReview(
					"M-Pesa's query reports the payment complete (receipt not known yet) but " + confirmed.refusal(),
					now);
		}
		save(attempt);
		return true;
	}

	/** The receipt of a payment proven by a query: attached, if it fits. */
	private boolean attachReceipt(PaymentAttempt attempt, MpesaReceipt receipt, long amount, Evidence source,
			Instant now) {
		Optional<PaymentId> holder = this.attempts.receiptHolder(receipt);
		if (amount != attempt.amount().shillings() || holder.isPresent()) {
			attempt.noted(HistoryKind.RECEIPT_DISCREPANCY,
					source + " reports receipt " + receipt + " for KES " + amount
							+ holder.map((other) -> ", which already proves payment " + other.value()).orElse("")
							+ "; not attached",
					now);
			log.error("Payment {} paid by query got a receipt that does not fit: {} KES {} from {}",
					attempt.id().value(), receipt, amount, source);
			save(attempt);
			return false;
		}
		attempt.receiptFound(receipt, source.toString(), now);
		this.sessions.attachReceipt(attempt.sessionId(), attempt.id().value(), receipt);
		save(attempt);
		return true;
	}

	/** A paid attempt's receipt was not found this time; look again later. */
	@Transactional
	public void receiptStillMissing(PaymentId id, String detail) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		if (attempt.awaitsReceipt()) {
			attempt.receiptStillMissing(detail, this.clock.instant());
			save(attempt);
		}
	}

	private SessionPayments.ConfirmOutcome confirm(PaymentAttempt attempt, @Nullable MpesaReceipt receipt,
			Instant now) {
		CheckoutRequestId checkout = attempt.checkoutRequestId();
		return this.sessions.confirmPaid(attempt.sessionId(), new SessionPayments.PaymentProof(attempt.id().value(),
				(checkout != null) ? checkout.value() : null, receipt, attempt.amount(), now));
	}

	/**
	 * M-Pesa's final word is no. True when it was applied. Only an attempt still waiting
	 * can fail: news of failure never undoes money or a person's review.
	 */
	@Transactional
	public boolean failed(PaymentId id, DarajaCode code, String description, Evidence source) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		Instant now = this.clock.instant();
		source.noteOn(attempt, now);
		if (!isOpen(attempt)) {
			attempt.noted(HistoryKind.DUPLICATE, source + " reports " + code.code() + "; already " + attempt.state(),
					now);
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
	 * M-Pesa answered with a code nobody knows: it proves nothing, so nothing changes and
	 * the attempt is asked about again on its schedule.
	 */
	@Transactional
	public void undecided(PaymentId id, String resultCode, String description, Evidence source) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		Instant now = this.clock.instant();
		source.noteOn(attempt, now);
		attempt.noted(HistoryKind.UNKNOWN_RESULT, source + " answers unknown result " + resultCode + " " + description
				+ "; the payment is asked about again", now);
		save(attempt);
	}

	/**
	 * No final answer yet: schedule the next check (or hand over to review after 24
	 * hours).
	 */
	@Transactional
	public void stillPending(PaymentId id, String answer) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		Instant now = this.clock.instant();
		attempt.queried(now);
		if (isOpen(attempt)) {
			attempt.stillPending(answer, now);
		}
		else {
			// Asked by an admin about a payment in review: keep what M-Pesa said.
			attempt.noted(HistoryKind.QUERIED, answer, now);
		}
		save(attempt);
	}

	/**
	 * A callback with this attempt's token was refused (malformed, or about another
	 * request): kept in the timeline, nothing else changes.
	 */
	@Transactional
	public void callbackRefused(PaymentId id, String why, @Nullable String from) {
		PaymentAttempt attempt = this.attempts.lock(id).orElseThrow();
		attempt.noted(HistoryKind.CALLBACK_REFUSED,
				"STK callback" + ((from != null) ? " from " + from : "") + " refused: " + why, this.clock.instant());
		save(attempt);
	}

	/** An ambiguous attempt learns Daraja's ids from its authenticated callback. */
	@Transactional
	public void learnIds(PaymentId id, MerchantRequestId merchantRequestId, CheckoutRequestId checkoutRequestId) {
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

	/** Stores the attempt's changes; the repository publishes their event with them. */
	void save(PaymentAttempt attempt) {
		this.attempts.update(attempt);
	}

}
