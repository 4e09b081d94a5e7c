package ke.malipo.payments.internal;

import java.time.Instant;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.MerchantRequestId;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;

import static ke.malipo.payments.AttemptState.FAILED;
import static ke.malipo.payments.AttemptState.NEEDS_REVIEW;
import static ke.malipo.payments.AttemptState.PAID;

/**
 * What a payment attempt holds: its fixed terms, where its life stands, M-Pesa's ids and
 * verdict, the schedule of questions to M-Pesa and the queue, with the mechanics every
 * transition shares (the states table, the timeline). {@link PaymentAttempt} says how it
 * changes.
 */
public abstract sealed class AttemptRecord permits PaymentAttempt {

	final AttemptTerms terms;

	AttemptState state;

	@Nullable MerchantRequestId merchantRequestId;

	@Nullable CheckoutRequestId checkoutRequestId;

	@Nullable MpesaReceipt receipt;

	Verdict verdict;

	CheckSchedule schedule;

	Queueing queue;

	Instant updatedAt;

	private final int version;

	final AttemptChanges changes;

	AttemptRecord(AttemptTerms terms, AttemptState state, @Nullable MerchantRequestId merchantRequestId,
			@Nullable CheckoutRequestId checkoutRequestId, @Nullable MpesaReceipt receipt, Verdict verdict,
			CheckSchedule schedule, Queueing queue, Instant updatedAt, int version) {
		this.terms = terms;
		this.state = state;
		this.merchantRequestId = merchantRequestId;
		this.checkoutRequestId = checkoutRequestId;
		this.receipt = receipt;
		this.verdict = verdict;
		this.schedule = schedule;
		this.queue = queue;
		this.updatedAt = updatedAt;
		this.version = version;
		this.changes = new AttemptChanges(version);
	}

	/** Whether the attempt is PAID on a query's word and its receipt is still sought. */
	public boolean awaitsReceipt() {
		return this.state == PAID && this.receipt == null;
	}

	/** Daraja was asked about this attempt now (whatever it answered). */
	public void queried(Instant now) {
		this.schedule = this.schedule.askedAt(now);
	}

	/** A callback or query answer that changes nothing (a duplicate, a late answer). */
	public void noted(HistoryKind kind, String detail, Instant now) {
		record(now, kind, detail);
	}

	final void lateMoney(String detail, Instant now) {
		if (this.state == FAILED || this.state == NEEDS_REVIEW) {
			record(now, HistoryKind.LATE_MONEY, detail);
		}
	}

	final void keepOnlyReceipt(MpesaReceipt receiptNumber) {
		if (this.receipt != null && !this.receipt.equals(receiptNumber)) {
			throw new IllegalStateException("Payment " + id() + " already holds receipt " + this.receipt);
		}
	}

	final void requireAwaitingReceipt() {
		if (!awaitsReceipt()) {
			throw new IllegalStateException("Payment " + id() + " is not waiting for a receipt");
		}
	}

	final void requireOneOf(AttemptState target, AttemptState... allowed) {
		for (AttemptState allowedState : allowed) {
			if (this.state == allowedState) {
				return;
			}
		}
		throw new IllegalAttemptTransitionException(this.state, target);
	}

	final void require(AttemptState expected, AttemptState target) {
		if (this.state != expected) {
			throw new IllegalAttemptTransitionException(this.state, target);
		}
	}

	final void move(AttemptState from, AttemptState to, Instant now) {
		require(from, to);
		if (!from.canBecome(to)) {
			throw new IllegalAttemptTransitionException(from, to);
		}
		this.state = to;
		this.updatedAt = now;
		record(now, HistoryKind.STATE, from + " -> " + to);
	}

	final void record(Instant at, HistoryKind kind, String detail) {
		this.changes.step(at, kind, detail);
	}

	/** The changes since the attempt was loaded, handed over once to be stored. */
	AttemptChanges.Drained drainChanges() {
		return this.changes.drain(this);
	}

	AttemptTerms terms() {
		return this.terms;
	}

	Verdict verdict() {
		return this.verdict;
	}

	CheckSchedule schedule() {
		return this.schedule;
	}

	public PaymentId id() {
		return this.terms.id();
	}

	public SessionId sessionId() {
		return this.terms.sessionId();
	}

	public UserId clientId() {
		return this.terms.clientId();
	}

	/** The psychologist the client is paying. */
	public UserId psychologistId() {
		return this.terms.psychologistId();
	}

	public Kes amount() {
		return this.terms.amount();
	}

	public Msisdn phone() {
		return this.terms.phone();
	}

	public String reference() {
		return this.terms.reference();
	}

	public Instant createdAt() {
		return this.terms.createdAt();
	}

	public AttemptState state() {
		return this.state;
	}

	public @Nullable CheckoutRequestId checkoutRequestId() {
		return this.checkoutRequestId;
	}

	public @Nullable MerchantRequestId merchantRequestId() {
		return this.merchantRequestId;
	}

	public @Nullable MpesaReceipt receipt() {
		return this.receipt;
	}

	public @Nullable String resultCode() {
		return this.verdict.resultCode();
	}

	/**
	 * Why it failed or waits, in words for the client (failures) or the admin (review).
	 */
	public @Nullable String reason() {
		return this.verdict.reason();
	}

	public @Nullable Instant nextCheckAt() {
		return this.schedule.nextCheckAt();
	}

	public @Nullable Instant lastQueriedAt() {
		return this.schedule.lastQueriedAt();
	}

	/** Waiting in the queue for M-Pesa to come back. */
	public boolean queued() {
		return this.queue.queued();
	}

	public @Nullable Instant queuedUntil() {
		return this.queue.until();
	}

	Queueing queue() {
		return this.queue;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public int version() {
		return this.version;
	}

}
