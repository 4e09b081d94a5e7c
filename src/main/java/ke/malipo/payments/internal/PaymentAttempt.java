package ke.malipo.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.CodeClass;
import ke.malipo.daraja.DarajaCode;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentEvent;
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
 * receipt otherwise. PAID never changes. Every change appends to the attempt's history
 * and registers the event others hear.
 */
public final class PaymentAttempt {

	/** When to ask Daraja again while no outcome has arrived, counted from the push. */
	static final List<Duration> CHECKS = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
			Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24));

	private final PaymentId id;

	private final SessionId sessionId;

	private final UserId clientId;

	private final UserId psychologistId;

	private final Kes amount;

	private final Msisdn phone;

	private final String reference;

	private final Instant createdAt;

	private AttemptState state;

	private @Nullable String checkoutRequestId;

	private @Nullable String merchantRequestId;

	private @Nullable String receipt;

	private @Nullable String resultCode;

	private @Nullable String resultDescription;

	private @Nullable String reason;

	private @Nullable Instant nextCheckAt;

	private int checksDone;

	private @Nullable Instant lastQueriedAt;

	private boolean queued;

	private @Nullable Instant queuedUntil;

	private Instant updatedAt;

	private final int version;

	private final List<HistoryEntry> history = new ArrayList<>();

	private final List<PaymentEvent> events = new ArrayList<>();

	PaymentAttempt(PaymentId id, SessionId sessionId, UserId clientId, UserId psychologistId, Kes amount, Msisdn phone,
			String reference, AttemptState state, @Nullable String checkoutRequestId,
			@Nullable String merchantRequestId, @Nullable String receipt, @Nullable String resultCode,
			@Nullable String resultDescription, @Nullable String reason, @Nullable Instant nextCheckAt, int checksDone,
			@Nullable Instant lastQueriedAt, boolean queued, @Nullable Instant queuedUntil, Instant createdAt,
			Instant updatedAt, int version) {
		this.id = id;
		this.sessionId = sessionId;
		this.clientId = clientId;
		this.psychologistId = psychologistId;
		this.amount = amount;
		this.phone = phone;
		this.reference = reference;
		this.state = state;
		this.checkoutRequestId = checkoutRequestId;
		this.merchantRequestId = merchantRequestId;
		this.receipt = receipt;
		this.resultCode = resultCode;
		this.resultDescription = resultDescription;
		this.reason = reason;
		this.nextCheckAt = nextCheckAt;
		this.checksDone = checksDone;
		this.lastQueriedAt = lastQueriedAt;
		this.queued = queued;
		this.queuedUntil = queuedUntil;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
		this.version = version;
	}

	/** A new attempt, stored before Daraja is called. */
	public static PaymentAttempt initiate(PaymentId id, SessionId sessionId, UserId clientId, UserId psychologistId,
			Kes amount, Msisdn phone, Instant now) {
		PaymentAttempt attempt = new PaymentAttempt(id, sessionId, clientId, psychologistId, amount, phone,
				referenceOf(id), INITIATED, null, null, null, null, null, null, null, 0, null, false, null, now, now,
				0);
		attempt.record(now, HistoryKind.INITIATED, "STK push requested for " + amount + " from " + phone.masked());
		return attempt;
	}

	/**
	 * The short code that ends the STK AccountReference: six base-36 characters drawn
	 * from the id's random bits (over two billion values; the database keeps them
	 * unique).
	 */
	static String referenceOf(PaymentId id) {
		long space = 36L * 36 * 36 * 36 * 36 * 36;
		long value = Math.floorMod(id.value().getLeastSignificantBits() ^ id.value().getMostSignificantBits(), space);
		String code = Long.toString(value, 36).toUpperCase(Locale.ROOT);
		return "0".repeat(6 - code.length()) + code;
	}

	/** Daraja accepted the push; first check after the first step of the schedule. */
	public void accepted(String merchantRequestId, String checkoutRequestId, Instant now) {
		move(INITIATED, AWAITING_CUSTOMER, now);
		this.merchantRequestId = merchantRequestId;
		this.checkoutRequestId = checkoutRequestId;
		this.nextCheckAt = now.plus(CHECKS.get(0));
		record(now, HistoryKind.DARAJA_ACCEPTED, "CheckoutRequestID " + checkoutRequestId);
	}

	/** Daraja refused the push: no prompt was sent, so the attempt is over. */
	public void rejected(DarajaCode code, String darajaMessage, Instant now) {
		move(INITIATED, FAILED, now);
		this.resultCode = code.code();
		this.resultDescription = darajaMessage;
		this.reason = code.customerMessage();
		this.nextCheckAt = null;
		record(now, HistoryKind.DARAJA_REJECTED, code.code() + " " + darajaMessage);
		this.events.add(new PaymentEvent.PaymentFailed(this.id, this.sessionId, this.clientId, code.code(),
				code.customerMessage(), now));
	}

	/**
	 * M-Pesa could not be reached and nothing was sent: wait in the queue until
	 * {@code until} and be sent when it recovers (Property 71).
	 */
	public void queue(Instant until, Instant now) {
		require(INITIATED, INITIATED);
		this.queued = true;
		this.queuedUntil = until;
		this.updatedAt = now;
		record(now, HistoryKind.QUEUED, "M-Pesa unreachable; waiting to send until " + until);
	}

	/** Taken from the queue to be sent now. */
	public void dequeue(Instant now) {
		require(INITIATED, INITIATED);
		this.queued = false;
		this.updatedAt = now;
		record(now, HistoryKind.DEQUEUED, "Sending the STK push");
	}

	/**
	 * Nothing was sent (M-Pesa unreachable, circuit open): the attempt ends and may be
	 * retried.
	 */
	public void notSent(String why, Instant now) {
		move(INITIATED, FAILED, now);
		this.queued = false;
		this.reason = why;
		record(now, HistoryKind.NOT_SENT, why);
		this.events.add(new PaymentEvent.PaymentFailed(this.id, this.sessionId, this.clientId, null, why, now));
	}

	/**
	 * M-Pesa reports money with a receipt, but it cannot settle this attempt (another
	 * amount or number than prompted, or a session that can no longer take it): keep the
	 * receipt and hand it to a person to confirm or refund.
	 */
	public void paidButHeldForReview(String receiptNumber, String why, Instant now) {
		requireOneOf(NEEDS_REVIEW, AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW, FAILED);
		if (this.receipt != null && !this.receipt.equals(receiptNumber)) {
			throw new IllegalStateException("Payment " + this.id + " already holds receipt " + this.receipt);
		}
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
		this.reason = why;
		this.nextCheckAt = now.plus(CHECKS.get(0));
		record(now, HistoryKind.DARAJA_AMBIGUOUS, why);
		this.events.add(new PaymentEvent.PaymentOutcomeUnknown(this.id, this.sessionId, UNKNOWN, why, now));
	}

	/**
	 * M-Pesa says the money moved (a callback with its receipt). A different amount goes
	 * to review, never to PAID.
	 */
	public void paid(String receiptNumber, long paidAmount, Instant now) {
		requireOneOf(PAID, AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW, FAILED);
		if (this.receipt != null && !this.receipt.equals(receiptNumber)) {
			throw new IllegalStateException("Payment " + this.id + " already holds receipt " + this.receipt);
		}
		if (paidAmount != this.amount.shillings()) {
			paidButHeldForReview(receiptNumber,
					"M-Pesa reports KES " + paidAmount + " paid for a request of " + this.amount, now);
			return;
		}
		if (this.state == FAILED || this.state == NEEDS_REVIEW) {
			record(now, HistoryKind.LATE_MONEY, "M-Pesa proves payment after the attempt was " + this.state);
		}
		move(this.state, PAID, now);
		this.receipt = receiptNumber;
		this.resultCode = "0";
		this.nextCheckAt = null;
		this.reason = null;
		record(now, HistoryKind.PAID, "Receipt " + receiptNumber);
		this.events.add(new PaymentEvent.PaymentConfirmed(this.id, this.sessionId, this.clientId, this.amount,
				receiptNumber, now));
	}

	/**
	 * M-Pesa's STK query answers 0: the money moved, but a query never carries the
	 * receipt. PAID now (the session is confirmed), with the receipt to follow from the
	 * callback or M-Pesa's records, looked for on the same schedule as a query.
	 */
	public void paidReceiptToFollow(Instant now) {
		requireOneOf(PAID, AWAITING_CUSTOMER, UNKNOWN, NEEDS_REVIEW, FAILED);
		if (this.receipt != null) {
			throw new IllegalStateException("Payment " + this.id + " already holds receipt " + this.receipt);
		}
		if (this.state == FAILED || this.state == NEEDS_REVIEW) {
			record(now, HistoryKind.LATE_MONEY, "M-Pesa's query reports payment after the attempt was " + this.state);
		}
		move(this.state, PAID, now);
		this.resultCode = "0";
		this.reason = null;
		this.checksDone = 0;
		this.nextCheckAt = nextStep(now).map(this.createdAt::plus).orElse(now.plus(CHECKS.get(0)));
		record(now, HistoryKind.PAID, "M-Pesa's query reports the payment complete; receipt to follow");
		this.events
			.add(new PaymentEvent.PaymentConfirmed(this.id, this.sessionId, this.clientId, this.amount, null, now));
	}

	/** Whether the attempt is PAID on a query's word and its receipt is still sought. */
	public boolean awaitsReceipt() {
		return this.state == PAID && this.receipt == null;
	}

	/** The receipt of a payment proven by a query, found later. */
	public void receiptFound(String receiptNumber, String source, Instant now) {
		if (!awaitsReceipt()) {
			throw new IllegalStateException("Payment " + this.id + " is not waiting for a receipt");
		}
		this.receipt = receiptNumber;
		this.nextCheckAt = null;
		this.updatedAt = now;
		record(now, HistoryKind.RECEIPT_FOUND, "Receipt " + receiptNumber + " from " + source);
		this.events.add(new PaymentEvent.ReceiptFound(this.id, this.sessionId, receiptNumber, now));
	}

	/**
	 * The receipt of a paid attempt was not in M-Pesa's records yet: look again on the
	 * schedule; after 24 hours reconciliation with the statement attaches it.
	 */
	public void receiptStillMissing(String detail, Instant now) {
		if (!awaitsReceipt()) {
			throw new IllegalStateException("Payment " + this.id + " is not waiting for a receipt");
		}
		this.checksDone++;
		this.updatedAt = now;
		Optional<Duration> next = nextStep(now);
		if (next.isEmpty()) {
			this.nextCheckAt = null;
			record(now, HistoryKind.RECEIPT_NOT_FOUND,
					"No receipt in M-Pesa's Pull records within 24 hours; reconciliation with the statement will attach it");
			return;
		}
		this.nextCheckAt = this.createdAt.plus(next.get());
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
		this.resultCode = code.code();
		this.resultDescription = description;
		this.reason = code.customerMessage();
		this.nextCheckAt = null;
		record(now, HistoryKind.FAILED, code.code() + " " + description);
		this.events.add(new PaymentEvent.PaymentFailed(this.id, this.sessionId, this.clientId, code.code(),
				code.customerMessage(), now));
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
		this.reason = why;
		this.nextCheckAt = null;
		record(now, HistoryKind.NEEDS_REVIEW, why);
		this.events.add(new PaymentEvent.PaymentOutcomeUnknown(this.id, this.sessionId, NEEDS_REVIEW, why, now));
	}

	/**
	 * A query found no final answer yet: schedule the next one, and after the last step
	 * of the schedule (24 hours) hand the attempt to review.
	 */
	public void stillPending(String darajaAnswer, Instant now) {
		requireOneOf(this.state, AWAITING_CUSTOMER, UNKNOWN);
		this.checksDone++;
		record(now, HistoryKind.QUERIED, darajaAnswer);
		Optional<Duration> next = nextStep(now);
		if (next.isEmpty()) {
			needsReview("No outcome from M-Pesa within 24 hours", now);
			return;
		}
		this.nextCheckAt = this.createdAt.plus(next.get());
		this.updatedAt = now;
	}

	/** The next step of the schedule after {@code now}, counted from the push. */
	private Optional<Duration> nextStep(Instant now) {
		Duration waited = Duration.between(this.createdAt, now);
		return CHECKS.stream().filter((step) -> step.compareTo(waited) > 0).findFirst();
	}

	/** Daraja's ids, learnt late from the callback of a push whose answer was lost. */
	public void learnIds(String merchantRequestId, String checkoutRequestId, Instant now) {
		if (this.checkoutRequestId != null) {
			throw new IllegalStateException("Payment " + this.id + " already has its CheckoutRequestID");
		}
		this.merchantRequestId = merchantRequestId;
		this.checkoutRequestId = checkoutRequestId;
		this.updatedAt = now;
		record(now, HistoryKind.IDS_LEARNT, "CheckoutRequestID " + checkoutRequestId + " from the callback");
	}

	/** Daraja was asked about this attempt now (whatever it answered). */
	public void queried(Instant now) {
		this.lastQueriedAt = now;
	}

	/** A callback or query answer that changes nothing (a duplicate, a late answer). */
	public void noted(HistoryKind kind, String detail, Instant now) {
		record(now, kind, detail);
	}

	/**
	 * NEEDS_REVIEW or UNKNOWN settled by an admin with a reason, or by reconciliation
	 * with M-Pesa's evidence. Settling as failed is safe: money M-Pesa proves later is
	 * still applied (late money).
	 */
	public void resolve(boolean moneyArrived, @Nullable String receiptNumber, String why, Instant now) {
		requireOneOf(moneyArrived ? PAID : FAILED, NEEDS_REVIEW, UNKNOWN);
		if (why.isBlank()) {
			throw new IllegalArgumentException("A manual resolution needs a reason");
		}
		if (moneyArrived && (receiptNumber == null || receiptNumber.isBlank())) {
			throw new IllegalArgumentException("A payment resolved as paid needs its M-Pesa receipt");
		}
		record(now, HistoryKind.RESOLVED, why);
		this.nextCheckAt = null;
		if (moneyArrived) {
			move(this.state, PAID, now);
			this.receipt = receiptNumber;
			this.resultCode = "0";
			this.reason = null;
			this.events.add(new PaymentEvent.PaymentConfirmed(this.id, this.sessionId, this.clientId, this.amount,
					receiptNumber, now));
		}
		else {
			move(this.state, FAILED, now);
			this.reason = why;
			this.events
				.add(new PaymentEvent.PaymentFailed(this.id, this.sessionId, this.clientId, this.resultCode, why, now));
		}
	}

	private void requireOneOf(AttemptState target, AttemptState... allowed) {
		for (AttemptState state : allowed) {
			if (this.state == state) {
				return;
			}
		}
		throw new IllegalAttemptTransitionException(this.state, target);
	}

	private void require(AttemptState expected, AttemptState target) {
		if (this.state != expected) {
			throw new IllegalAttemptTransitionException(this.state, target);
		}
	}

	private void move(AttemptState from, AttemptState to, Instant now) {
		require(from, to);
		if (!from.canBecome(to)) {
			throw new IllegalAttemptTransitionException(from, to);
		}
		this.state = to;
		this.updatedAt = now;
		record(now, HistoryKind.STATE, from + " -> " + to);
	}

	private void record(Instant at, HistoryKind kind, String detail) {
		this.history.add(new HistoryEntry(at, kind.name(), detail));
	}

	/** History entries added since the attempt was loaded, handed over once. */
	public List<HistoryEntry> drainHistory() {
		List<HistoryEntry> drained = List.copyOf(this.history);
		this.history.clear();
		return drained;
	}

	public List<PaymentEvent> drainEvents() {
		List<PaymentEvent> drained = List.copyOf(this.events);
		this.events.clear();
		return drained;
	}

	/** One line of an attempt's timeline. */
	public record HistoryEntry(Instant at, String kind, String detail) {
	}

	public PaymentId id() {
		return this.id;
	}

	public SessionId sessionId() {
		return this.sessionId;
	}

	public UserId clientId() {
		return this.clientId;
	}

	/** The psychologist the client is paying. */
	public UserId psychologistId() {
		return this.psychologistId;
	}

	public Kes amount() {
		return this.amount;
	}

	public Msisdn phone() {
		return this.phone;
	}

	public String reference() {
		return this.reference;
	}

	public AttemptState state() {
		return this.state;
	}

	public @Nullable String checkoutRequestId() {
		return this.checkoutRequestId;
	}

	public @Nullable String merchantRequestId() {
		return this.merchantRequestId;
	}

	public @Nullable String receipt() {
		return this.receipt;
	}

	public @Nullable String resultCode() {
		return this.resultCode;
	}

	public @Nullable String resultDescription() {
		return this.resultDescription;
	}

	/**
	 * Why it failed or waits, in words for the client (failures) or the admin (review).
	 */
	public @Nullable String reason() {
		return this.reason;
	}

	public @Nullable Instant nextCheckAt() {
		return this.nextCheckAt;
	}

	public int checksDone() {
		return this.checksDone;
	}

	public @Nullable Instant lastQueriedAt() {
		return this.lastQueriedAt;
	}

	public boolean queued() {
		return this.queued;
	}

	public @Nullable Instant queuedUntil() {
		return this.queuedUntil;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public int version() {
		return this.version;
	}

}
