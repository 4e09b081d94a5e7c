package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ke.malipo.daraja.CodeClass;
import ke.malipo.daraja.DarajaCode;
import ke.malipo.daraja.StkCallback;
import ke.malipo.daraja.StkCallbacks;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies stored STK callbacks off the request thread (Properties 72, 73; DECISIONS.md
 * 25). M-Pesa's callback is answered once its body is stored; one worker per node then
 * takes the stored callbacks that are due, up to a batch, locked so that no other node
 * takes them too, and applies them in one transaction with their inbox rows marked done:
 * a callback is applied exactly when its row stops waiting. If anything in a batch fails,
 * nothing of the batch remains and each of its callbacks is applied alone, so one bad
 * callback holds back no other; one that fails alone waits, with backoff, for a later
 * try. A store on this node wakes the worker; otherwise it looks every
 * {@code poll-every}, which also picks up what a stopped node stored and did not apply.
 */
@Component
public class CallbackApplier implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CallbackApplier.class);

	private final CallbackInbox inbox;

	private final AttemptRepository attempts;

	private final OutcomeApplier applier;

	private final TransactionTemplate transactions;

	private final PaymentSettings.StoredCallbacks settings;

	private final Clock clock;

	private final Wakeup wakeup = new Wakeup();

	private volatile boolean running;

	private @org.jspecify.annotations.Nullable Thread worker;

	CallbackApplier(CallbackInbox inbox, AttemptRepository attempts, OutcomeApplier applier,
			TransactionTemplate transactions, PaymentSettings settings, Clock clock) {
		this.inbox = inbox;
		this.attempts = attempts;
		this.applier = applier;
		this.transactions = transactions;
		this.settings = settings.storedCallbacks();
		this.clock = clock;
	}

	/** A callback was stored on this node: apply it soon. */
	void stored() {
		this.wakeup.signal();
	}

	/**
	 * Applies the callbacks that are due, a batch at a time, until none is left; answers
	 * how many were taken (applied, found duplicate or refused, or put off).
	 */
	public int applyDue() {
		int total = 0;
		while (true) {
			int taken = applyBatch();
			total += taken;
			if (taken < this.settings.batch()) {
				return total;
			}
		}
	}

	/**
	 * Applies the callbacks that arrived before the attempt's push was answered, now that
	 * the answer is stored or given up for lost; answers how many there were.
	 */
	int applyWaiting(PaymentId attempt) {
		List<UUID> waiting = this.inbox.waitingFor(attempt);
		waiting.forEach(this::applyAlone);
		return waiting.size();
	}

	private int applyBatch() {
		List<UUID> taken = new ArrayList<>();
		try {
			this.transactions.executeWithoutResult((status) -> {
				List<CallbackInbox.Pending> due = this.inbox.lockDue(this.clock.instant(), this.settings.batch());
				// All of them, before the first is applied: after a failure each is tried
				// alone.
				due.forEach((pending) -> taken.add(pending.id()));
				due.forEach(this::applyLocked);
			});
		}
		catch (RuntimeException ex) {
			if (taken.isEmpty()) {
				throw ex;
			}
			if (taken.size() == 1) {
				putOff(taken.get(0), ex);
			}
			else {
				log.info("A batch of {} stored callbacks failed ({}); applying each alone", taken.size(),
						ex.toString());
				taken.forEach(this::applyAlone);
			}
		}
		return taken.size();
	}

	/**
	 * Applies one stored callback in a transaction of its own, if it still waits. A
	 * failure leaves it stored for a later try.
	 */
	private void applyAlone(UUID inboxId) {
		try {
			this.transactions
				.executeWithoutResult((status) -> this.inbox.lockPending(inboxId).ifPresent(this::applyLocked));
		}
		catch (RuntimeException ex) {
			putOff(inboxId, ex);
		}
	}

	private void putOff(UUID inboxId, RuntimeException ex) {
		log.warn("Applying stored callback {} failed; it will be tried again: {}", inboxId, ex.toString());
		this.transactions
			.executeWithoutResult((status) -> this.inbox.retryLater(inboxId, ex.toString(), this.clock.instant()));
	}

	/** Applies a stored callback whose row this transaction holds. */
	private void applyLocked(CallbackInbox.Pending pending) {
		StkCallback callback = StkCallbacks.parse(pending.body());
		PaymentAttempt owner = this.attempts.findById(pending.attempt()).orElseThrow();
		if (owner.checkoutRequestId() == null && owner.state() == AttemptState.INITIATED) {
			// It overtook the push's answer, which is not stored yet.
			this.inbox.retryLater(pending.id(), "waiting for Daraja's answer to the push", this.clock.instant());
			return;
		}
		if (owner.checkoutRequestId() != null && !owner.checkoutRequestId().equals(callback.checkoutRequestId())) {
			// A callback kept before the answer, about another request after all.
			this.inbox.finish(pending, "REJECTED", this.clock.instant());
			this.applier.callbackRefused(owner.id(), "CheckoutRequestID does not match the token", pending.source());
			log.warn("Forged STK callback refused: payment {} got a body about another request", owner.id());
			return;
		}
		boolean applied = apply(pending.attempt(), callback, Evidence.callback(pending.source()));
		this.inbox.finish(pending, applied ? "APPLIED" : "DUPLICATE", this.clock.instant());
	}

	private boolean apply(PaymentId attempt, StkCallback callback, Evidence source) {
		this.applier.learnIds(attempt, callback.merchantRequestId(), callback.checkoutRequestId());
		return switch (callback) {
			case StkCallback.Paid paid ->
				this.applier.paid(attempt, paid.receipt(), paid.amount(), paid.phoneNumber(), source);
			case StkCallback.NotPaid notPaid when isFinalNo(notPaid.code()) ->
				this.applier.failed(attempt, notPaid.code(), notPaid.resultDescription(), source);
			case StkCallback.NotPaid notPaid -> {
				// A code the catalogue does not know never fails a payment: it is asked
				// about again.
				this.applier.undecided(attempt, notPaid.resultCode(), notPaid.resultDescription(), source);
				yield true;
			}
		};
	}

	private static boolean isFinalNo(DarajaCode code) {
		return code.codeClass() != CodeClass.PENDING && code.codeClass() != CodeClass.AMBIGUOUS;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.worker = Thread.ofVirtual().name("stored-callbacks").start(this::work);
	}

	/**
	 * Lets the batch in hand finish: interrupting a virtual thread in a socket read would
	 * close its database connection.
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
		this.wakeup.signal();
		if (this.worker == null) {
			return;
		}
		try {
			this.worker.join(Duration.ofSeconds(10));
			if (this.worker.isAlive()) {
				this.worker.interrupt();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Started before the web server and stopped after it, so callbacks stored while the
	 * server drains are still applied here.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void work() {
		Duration failing = Duration.ZERO;
		while (this.running) {
			Duration pause;
			try {
				int taken = applyBatch();
				failing = Duration.ZERO;
				if (taken == this.settings.batch()) {
					continue;
				}
				if (!this.wakeup.await(this.settings.pollEvery())) {
					return;
				}
				pause = this.settings.batchWait();
			}
			catch (RuntimeException ex) {
				// Not a callback's failure (those are put off one by one): the database
				// itself, for one.
				failing = Backoff.after(failing, this.settings.pollEvery());
				pause = failing;
				log.warn("Stored callbacks could not be read; trying again in {}", pause, ex);
			}
			if (!Backoff.sleep(pause)) {
				return;
			}
		}
	}

}
