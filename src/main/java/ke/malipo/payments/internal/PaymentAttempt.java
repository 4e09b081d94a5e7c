package ke.malipo.payments.internal;

import java.time.Instant;
import java.util.Optional;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.CodeClass;
import ke.malipo.daraja.DarajaCode;
import ke.malipo.daraja.MerchantRequestId;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;

import static ke.malipo.payments.AttemptState.AWAITING_CUSTOMER;
import static ke.malipo.payments.AttemptState.FAILED;
import static ke.malipo.payments.AttemptState.INITIATED;
import static ke.malipo.payments.AttemptState.NEEDS_REVIEW;
import static ke.malipo.payments.AttemptState.PAID;
import static ke.malipo.payments.AttemptState.UNKNOWN;

/**
 * One attempt to pay for a session with an STK push, the aggregate that owns its state.
 * Rules that keep money safe: PAID only on M-Pesa's word that the money moved (a callback
 * or Pull record with its receipt, or a query answer of 0 whose receipt follows) and the
 * exact amount requested; FAILED only on M-Pesa's final word, never on a guess or an
 * unknown code; an attempt that may have moved money and cannot be settled goes to
 * NEEDS_REVIEW. Late money is never dropped: proof of payment for a FAILED attempt (or
 * one in review) makes it PAID when its session can take it, and NEEDS_REVIEW with the
 * receipt otherwise. PAID never changes. Every change appends to the attempt's timeline
 * ({@link AttemptChanges}), which becomes the one event the change publishes.
 */
public final class PaymentAttempt extends AttemptRecord {

	PaymentAttempt(AttemptTerms terms, AttemptState state, @Nullable MerchantRequestId merchantRequestId,
			@Nullable CheckoutRequestId checkoutRequestId, @Nullable MpesaReceipt receipt, Verdict verdict,
			CheckSchedule schedule, Queueing queue, Instant updatedAt, int version) {
		super(terms, state, merchantRequestId, checkoutRequestId, receipt, verdict, schedule, queue, updatedAt,
				version);
	}

	/** A new attempt, stored before Daraja is called. */
	public static PaymentAttempt initiate(PaymentId id, SessionId sessionId, UserId clientId, UserId psychologistId,
			Kes amount, Msisdn phone, Instant now) {
		PaymentAttempt attempt = new PaymentAttempt(new AttemptTerms(id, sessionId, clientId, psychologistId, amount,
				phone, AttemptTerms.referenceOf(id), now), INITIATED, null, null, null, Verdict.NONE,
				CheckSchedule.NONE, Queueing.NONE, now, 0);
		attempt.changes.started();
		attempt.record(now, HistoryKind.INITIATED, "STK push requested for " + amount + " from " + phone.masked());
		return attempt;
	}

	/** Daraja accepted the push; first check after the first step of the schedule. */
	public void accepted(MerchantRequestId merchant, CheckoutRequestId checkout, Instant now) {
		move(INITIATED, AWAITING_CUSTOMER, now);
		this.merchantRequestId = merchant;
		this.checkoutRequestId = checkout;
		this.schedule = this.schedule.startingAt(now);
		record(now, HistoryKind.DARAJA_ACCEPTED, "CheckoutRequestID " + checkout);
		this.changes.happened(AttemptChanges.Change.PROMPTED);
	}

	/** Daraja refused the push: no prompt was sent, so the attempt is over. */
	public void rejected(DarajaCode code, String darajaMessage, Instant now) {
		move(INITIATED, FAILED, now);
		this.verdict = new Verdict(code.code(), darajaMessage, code.customerMessage());
		this.schedule = this.schedule.stopped();
		record(now, HistoryKind.DARAJA_REJECTED, code.code() + " " + darajaMessage);
		this.changes.happened(AttemptChanges.Change.FAILED);
	}

	/**
	 * M-Pesa could not be reached and nothing was sent: wait in the queue until
	 * {@code until} and be sent when it recovers (Property 71).
	 */
	public void queue(Instant until, Instant now) {
		require(INITIATED, INITIATED);
		this.queue = new Queueing(true, until);
		this.updatedAt = now;
		record(now, HistoryKind.QUEUED, "M-Pesa unreachable; waiting to send until " + until);
	}

	/** Taken from the queue to be sent now (the deadline stays for the push). */
	public void dequeue(Instant now) {
		require(INITIATED, INITIATED);
		this.queue = new Queueing(false, this.queue.until());
		this.updatedAt = now;
		record(now, HistoryKind.DEQUEUED, "Sending the STK push");
	}

	/**
	 * Nothing was sent (M-Pesa unreachable, circuit open): the attempt ends and may be
	 * retried.
	 */
	public void notSent(String why, Instant now) {
		move(INITIATED, FAILED, now);
		this.queue = Queueing.NONE;
		this.verdict = this.verdict.because(why);
		record(now, HistoryKind.NOT_SENT, why);
		this.changes.happened(AttemptChanges.Change.FAILED);
	}

	/**
	 * M-Pesa reports money with a receipt, but it cannot settle this attempt (another
	 * amount or number than prompted, or a session that can no longer take it): keep the
	 * receipt and hand it to a person to confirm or refund.
	 */
	public void paidButHeldForReview(MpesaReceipt receiptNumber, String why, Instant now) {
		requireOneOf(NEEDS_REVIEW, AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW, FAILED);
		keepOnlyReceipt(receiptNumber);
		this.receipt = receiptNumber;
		toReview("Money arrived (receipt " + receiptNumber + ") but " + why, now);
	}

	/**
	 * The push may have gone through without us learning its id. Never sent again;
	 * without a CheckoutRequestID only M-Pesa's records can settle it, so it waits for
	 * review.
	 */
	public void ambiguous(String why, Instant now) {
		move(INITIATED, UNKNOWN, now);
		this.verdict = this.verdict.because(why);
		this.schedule = this.schedule.startingAt(now);
		record(now, HistoryKind.DARAJA_AMBIGUOUS, why);
		this.changes.happened(AttemptChanges.Change.UNDECIDED);
	}

	/**
	 * M-Pesa says the money moved (a callback with its receipt). A different amount goes
	 * to review, never to PAID.
	 */
	public void paid(MpesaReceipt receiptNumber, long paidAmount, Instant now) {
		requireOneOf(PAID, AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW, FAILED);
		keepOnlyReceipt(receiptNumber);
		if (paidAmount != amount().shillings()) {
			paidButHeldForReview(receiptNumber,
					"M-Pesa reports KES " + paidAmount + " paid for a request of " + amount(), now);
			return;
		}
		lateMoney("M-Pesa proves payment after the attempt was " + this.state, now);
		move(this.state, PAID, now);
		this.receipt = receiptNumber;
		this.verdict = this.verdict.paid();
		this.schedule = this.schedule.stopped();
		record(now, HistoryKind.PAID, "Receipt " + receiptNumber);
		this.changes.happened(AttemptChanges.Change.CONFIRMED);
	}

	/**
	 * M-Pesa's STK query answers 0: the money moved, but a query never carries the
	 * receipt. PAID now (the session is confirmed), with the receipt to follow from the
	 * callback or M-Pesa's records, looked for on the same schedule as a query.
	 */
	public void paidReceiptToFollow(Instant now) {
		requireOneOf(PAID, AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW, FAILED);
		if (this.receipt != null) {
			throw new IllegalStateException("Payment " + id() + " already holds receipt " + this.receipt);
		}
		lateMoney("M-Pesa's query reports payment after the attempt was " + this.state, now);
		move(this.state, PAID, now);
		this.verdict = this.verdict.paid();
		this.schedule = this.schedule.restarted(createdAt(), now);
		record(now, HistoryKind.PAID, "M-Pesa's query reports the payment complete; receipt to follow");
		this.changes.happened(AttemptChanges.Change.CONFIRMED);
	}

	/** The receipt of a payment proven by a query, found later. */
	public void receiptFound(MpesaReceipt receiptNumber, String source, Instant now) {
		requireAwaitingReceipt();
		this.receipt = receiptNumber;
		this.schedule = this.schedule.stopped();
		this.updatedAt = now;
		record(now, HistoryKind.RECEIPT_FOUND, "Receipt " + receiptNumber + " from " + source);
		this.changes.happened(AttemptChanges.Change.RECEIPT_FOUND);
	}

	/**
	 * The receipt of a paid attempt was not in M-Pesa's records yet: look again on the
	 * schedule; after 24 hours reconciliation with the statement attaches it.
	 */
	public void receiptStillMissing(String detail, Instant now) {
		requireAwaitingReceipt();
		this.updatedAt = now;
		Optional<CheckSchedule> next = this.schedule.afterCheck(createdAt(), now);
		this.schedule = next.orElseGet(() -> this.schedule.counted().stopped());
		if (next.isEmpty()) {
			record(now, HistoryKind.RECEIPT_NOT_FOUND,
					"No receipt in M-Pesa's Pull records within 24 hours; reconciliation with the statement will attach it");
			return;
		}
		record(now, HistoryKind.RECEIPT_SOUGHT, detail);
	}

	/** M-Pesa's final word is no (a callback or query result that ends the attempt). */
	public void failed(DarajaCode code, String description, Instant now) {
		if (code.codeClass() == CodeClass.SUCCESS || code.codeClass() == CodeClass.PENDING
				|| code.codeClass() == CodeClass.AMBIGUOUS) {
			throw new IllegalArgumentException("Result " + code.code() + " does not end an attempt as failed");
		}
		requireOneOf(FAILED, AWAITING_CUSTOMER, UNKNOWN);
		move(this.state, FAILED, now);
		this.verdict = new Verdict(code.code(), description, code.customerMessage());
		this.schedule = this.schedule.stopped();
		record(now, HistoryKind.FAILED, code.code() + " " + description);
		this.changes.happened(AttemptChanges.Change.FAILED);
	}

	/** Cannot be settled automatically: a person (or reconciliation) must decide. */
	public void needsReview(String why, Instant now) {
		requireOneOf(NEEDS_REVIEW, AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW);
		toReview(why, now);
	}

	private void toReview(String why, Instant now) {
		if (this.state == FAILED) {
			record(now, HistoryKind.LATE_MONEY, "M-Pesa reports money after the attempt had failed");
		}
		if (this.state != NEEDS_REVIEW) {
			move(this.state, NEEDS_REVIEW, now);
		}
		this.updatedAt = now;
		this.verdict = this.verdict.because(why);
		this.schedule = this.schedule.stopped();
		record(now, HistoryKind.NEEDS_REVIEW, why);
		this.changes.happened(AttemptChanges.Change.UNDECIDED);
	}

	/**
	 * A query found no final answer yet: schedule the next one, and after the last step
	 * of the schedule (24 hours) hand the attempt to review.
	 */
	public void stillPending(String darajaAnswer, Instant now) {
		requireOneOf(this.state, AWAITING_CUSTOMER, UNKNOWN);
		record(now, HistoryKind.QUERIED, darajaAnswer);
		Optional<CheckSchedule> next = this.schedule.afterCheck(createdAt(), now);
		if (next.isEmpty()) {
			this.schedule = this.schedule.counted();
			needsReview("No outcome from M-Pesa within 24 hours", now);
			return;
		}
		this.schedule = next.get();
		this.updatedAt = now;
	}

	/** Daraja's ids, learnt late from the callback of a push whose answer was lost. */
	public void learnIds(MerchantRequestId merchant, CheckoutRequestId checkout, Instant now) {
		if (this.checkoutRequestId != null) {
			throw new IllegalStateException("Payment " + id() + " already has its CheckoutRequestID");
		}
		this.merchantRequestId = merchant;
		this.checkoutRequestId = checkout;
		this.updatedAt = now;
		record(now, HistoryKind.IDS_LEARNT, "CheckoutRequestID " + checkout + " from the callback");
	}

	/**
	 * An admin (or reconciliation, with M-Pesa's evidence) proves the money of a payment
	 * in review or of unknown outcome: PAID with the receipt.
	 */
	public void settledAsPaid(MpesaReceipt receiptNumber, String why, Instant now) {
		settling(PAID, why, now);
		move(this.state, PAID, now);
		this.receipt = receiptNumber;
		this.verdict = this.verdict.paid();
		this.changes.happened(AttemptChanges.Change.CONFIRMED);
	}

	/**
	 * An admin (or reconciliation) finds that no money moved. Safe even when wrong: money
	 * M-Pesa proves later is still applied (late money).
	 */
	public void settledAsFailed(String why, Instant now) {
		settling(FAILED, why, now);
		move(this.state, FAILED, now);
		this.verdict = this.verdict.because(why);
		this.changes.happened(AttemptChanges.Change.FAILED);
	}

	private void settling(AttemptState target, String why, Instant now) {
		requireOneOf(target, NEEDS_REVIEW, UNKNOWN);
		if (why.isBlank()) {
			throw new IllegalArgumentException("A manual resolution needs a reason");
		}
		record(now, HistoryKind.RESOLVED, why);
		this.schedule = this.schedule.stopped();
	}

}
