package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.StkQueryOutcome;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles attempts without an outcome, like a payments janitor: asks Daraja (STK query)
 * on the 30 s to 24 h schedule; confirms a payment M-Pesa's query reports as done at
 * once, with its receipt from the Pull records when they already hold it (the
 * AccountReference ends with the attempt's reference) and "receipt to follow" otherwise,
 * then keeps looking for that receipt; and hands anything still unknown after 24 hours to
 * review. An attempt that may have moved money is never failed on a guess or on a code
 * nobody knows. Safe on several nodes: due attempts are claimed with SKIP LOCKED and
 * leased.
 */
@Component
public class PaymentResolver {

	private static final Logger log = LoggerFactory.getLogger(PaymentResolver.class);

	private static final int BATCH = 20;

	private final AttemptRepository attempts;

	private final AttemptClaims claims;

	private final OutcomeApplier applier;

	private final CallbackApplier callbacks;

	private final Daraja daraja;

	private final MpesaRecords records;

	private final PaymentSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final io.micrometer.core.instrument.Counter runs;

	private final io.micrometer.core.instrument.Counter checked;

	PaymentResolver(AttemptRepository attempts, AttemptClaims claims, OutcomeApplier applier, CallbackApplier callbacks,
			Daraja daraja, MpesaRecords records, PaymentSettings settings, TransactionTemplate transactions,
			Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
		this.runs = io.micrometer.core.instrument.Counter.builder("malipo.payments.resolver.runs")
			.description("Rounds of the resolver, which asks M-Pesa about payments of open outcome")
			.register(meters);
		this.checked = io.micrometer.core.instrument.Counter.builder("malipo.payments.resolver.checked")
			.description("Payments the resolver asked M-Pesa about")
			.register(meters);
		this.attempts = attempts;
		this.claims = claims;
		this.applier = applier;
		this.callbacks = callbacks;
		this.daraja = daraja;
		this.records = records;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${malipo.payments.resolver-interval:10s}", initialDelayString = "5s")
	void onSchedule() {
		this.checked.increment(resolveDue());
		this.runs.increment();
	}

	/** Checks every attempt that is due; returns how many were checked. */
	public int resolveDue() {
		Instant now = this.clock.instant();
		List<PaymentId> due = Objects.requireNonNull(this.transactions.execute((status) -> this.claims.claimDue(now,
				now.minus(this.settings.staleInitiated()), now.plus(Duration.ofMinutes(1)), BATCH)));
		for (PaymentId id : due) {
			try {
				check(id);
			}
			catch (RuntimeException ex) {
				log.warn("Checking payment {} failed; it stays due: {}", id, ex.toString());
			}
		}
		return due.size();
	}

	/** Asks M-Pesa about one attempt now and applies what it says (Properties 19, 74). */
	public void check(PaymentId id) {
		PaymentAttempt attempt = this.attempts.findById(id).orElseThrow();
		switch (attempt.state()) {
			case INITIATED -> {
				this.applier.lostPushAnswer(id);
				// A callback that overtook the lost answer waits for it, put off with
				// backoff: the attempt no longer waits, so it is applied now.
				this.callbacks.applyWaiting(id);
			}
			case AWAITING_CUSTOMER -> query(attempt);
			// An ambiguous push that learnt its id from a callback can be queried; one
			// that never did is found only in M-Pesa's records. Review attempts are
			// asked about only on an admin's request: they are never due.
			case UNKNOWN, NEEDS_REVIEW -> {
				// One whose answer was given up for lost may hold a callback that
				// overtook it (the node died between the two steps): that settles it.
				if (attempt.checkoutRequestId() != null || this.callbacks.applyWaiting(id) == 0) {
					queryOrSearch(attempt);
				}
			}
			case PAID -> {
				if (attempt.awaitsReceipt()) {
					this.records.find(attempt)
						.ifPresentOrElse(
								(found) -> this.applier.paid(id, found, attempt.amount().shillings(), null,
										Evidence.PULL),
								() -> this.applier.receiptStillMissing(id, "Receipt not in M-Pesa's Pull records yet"));
				}
			}
			default -> {
			}
		}
	}

	private void queryOrSearch(PaymentAttempt attempt) {
		if (attempt.checkoutRequestId() != null) {
			query(attempt);
			return;
		}
		this.records.find(attempt)
			.ifPresentOrElse(
					(found) -> this.applier.paid(attempt.id(), found, attempt.amount().shillings(), null,
							Evidence.PULL),
					() -> this.applier.stillPending(attempt.id(), "No trace of the payment in M-Pesa's records yet"));
	}

	private void query(PaymentAttempt attempt) {
		StkQueryOutcome outcome = this.daraja.stkQuery(Objects.requireNonNull(attempt.checkoutRequestId()));
		switch (outcome) {
			// The query proves the money moved but never carries the receipt: confirm
			// now,
			// with the receipt when M-Pesa's records already show it.
			case StkQueryOutcome.Completed done when done.paid() ->
				this.records.find(attempt)
					.ifPresentOrElse(
							(found) -> this.applier.paid(attempt.id(), found, attempt.amount().shillings(), null,
									Evidence.QUERY_AND_PULL),
							() -> this.applier.paidByQuery(attempt.id(), Evidence.QUERY));
			case StkQueryOutcome.Completed done ->
				this.applier.failed(attempt.id(), done.code(), done.resultDescription(), Evidence.QUERY);
			case StkQueryOutcome.Pending pending -> this.applier.stillPending(attempt.id(), pending.darajaMessage());
			case StkQueryOutcome.Unknown unknown -> this.applier.stillPending(attempt.id(), unknown.reason());
		}
	}

}
