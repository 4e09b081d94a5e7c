package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ke.malipo.booking.PayableSession;
import ke.malipo.common.ratelimit.Limit;
import ke.malipo.common.ratelimit.RateLimits;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionPaymentInProgress;
import ke.malipo.booking.SessionPayments;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.StkPushOutcome;
import ke.malipo.daraja.StkPushRequest;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.payments.PaymentId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting a payment (architecture.md, "The payment, step by step"): the attempt row is
 * committed before Daraja is called, so a double click or a hundred parallel requests
 * meet the one-live-attempt index and exactly one STK push leaves; Daraja's answer is
 * stored in a second transaction; a push that may have gone out is never sent again.
 */
@Service
public class PaymentInitiation {

	private final AttemptRepository attempts;

	private final AttemptClaims claims;

	private final SessionPayments sessions;

	private final Daraja daraja;

	private final OutcomeApplier applier;

	private final CallbackApplier callbacks;

	private final PaymentSettings settings;

	private final TransactionTemplate transactions;

	private final RateLimits limits;

	private final Clock clock;

	PaymentInitiation(AttemptRepository attempts, AttemptClaims claims, SessionPayments sessions, Daraja daraja,
			OutcomeApplier applier, CallbackApplier callbacks, PaymentSettings settings,
			TransactionTemplate transactions, RateLimits limits, Clock clock) {
		this.callbacks = callbacks;
		this.limits = limits;
		this.attempts = attempts;
		this.claims = claims;
		this.sessions = sessions;
		this.daraja = daraja;
		this.applier = applier;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Sends an STK push for the client's approved session.
	 * @return the attempt, AWAITING_CUSTOMER (or UNKNOWN when Daraja's answer was lost)
	 * @throws ke.malipo.booking.SessionNotPayable or
	 * {@link ke.malipo.booking.SessionAlreadyPaid} from booking
	 * @throws PaymentFailures.PaymentInProgress, {@link PaymentFailures.TooManyPrompts},
	 * {@link PaymentFailures.MpesaRefusedPayment} or
	 * {@link PaymentFailures.MpesaUnavailable}
	 */
	public PaymentAttempt initiate(CurrentUser client, SessionId sessionId, Msisdn phone) {
		if (!client.is(Role.CLIENT)) {
			throw new ForbiddenException("Only the client who booked a session can pay for it.");
		}
		String token = CallbackTokens.newToken();
		PaymentAttempt attempt;
		try {
			attempt = Objects.requireNonNull(this.transactions.execute((status) -> {
				PayableSession payable = this.sessions.payable(sessionId, client.id());
				checkPromptLimits(client, phone);
				// A reference already taken (one draw in two billion) is drawn again.
				for (int draw = 0; draw < 5; draw++) {
					PaymentAttempt created = PaymentAttempt.initiate(PaymentId.random(), sessionId, client.id(),
							payable.psychologistId(), payable.amount(), phone, this.clock.instant());
					if (this.attempts.insert(created, CallbackTokens.hash(token))) {
						return created;
					}
				}
				throw new IllegalStateException("Five payment references drawn in a row were already taken");
			}));
		}
		catch (DuplicateKeyException ex) {
			// The session already has a live attempt (a double click that won the race).
			throw inProgress(sessionId);
		}
		catch (SessionPaymentInProgress ex) {
			// Booking knows a payment is under way; say which.
			throw inProgress(sessionId);
		}
		return push(attempt, token, this.clock.instant().plus(this.settings.queueFor()));
	}

	/**
	 * Sends initiations that waited for an unreachable M-Pesa (Property 71), each with a
	 * fresh callback token; those whose minute has run out fail cleanly instead. Safe on
	 * several nodes: an attempt is taken from the queue under its row lock, once.
	 */
	@Scheduled(fixedDelayString = "${malipo.payments.queue-interval:2s}", initialDelayString = "2s")
	public int sendQueued() {
		int sent = 0;
		for (PaymentId id : this.claims.queued(20)) {
			String token = CallbackTokens.newToken();
			Optional<PaymentAttempt> taken = Objects.requireNonNull(this.transactions.execute((status) -> {
				PaymentAttempt locked = this.attempts.lock(id).orElseThrow();
				Instant now = this.clock.instant();
				if (!locked.queued()) {
					return Optional.<PaymentAttempt>empty();
				}
				if (now.isAfter(Objects.requireNonNull(locked.queuedUntil()))) {
					locked.notSent(UNREACHABLE, now);
					this.applier.save(locked);
					return Optional.<PaymentAttempt>empty();
				}
				locked.dequeue(now);
				this.claims.replaceTokenHash(id, CallbackTokens.hash(token));
				this.applier.save(locked);
				return Optional.of(locked);
			}));
			if (taken.isPresent()) {
				try {
					push(taken.get(), token, Objects.requireNonNull(taken.get().queuedUntil()));
				}
				catch (MalipoException ex) {
					// Refused or failed for good: the attempt already records why.
				}
				sent++;
			}
		}
		return sent;
	}

	/**
	 * Counts this prompt against the phone's and the client's limits, in the transaction
	 * that stores the attempt: a click refused as a duplicate is not counted.
	 */
	private void checkPromptLimits(CurrentUser client, Msisdn phone) {
		PaymentSettings.PromptLimits limits = this.settings.promptLimits();
		this.limits
			.tryAcquire(List.of(new Limit("stk:phone:" + phone.value(), limits.perPhone(), limits.perPhoneWindow()),
					new Limit("stk:client:" + client.id().value(), limits.perClient(), limits.perClientWindow())))
			.ifPresent((wait) -> {
				long seconds = Math.max(1, wait.toSeconds());
				throw new PaymentFailures.TooManyPrompts(seconds);
			});
	}

	private PaymentAttempt push(PaymentAttempt attempt, String token, Instant queueDeadline) {
		StkPushOutcome outcome = this.daraja.stkPush(new StkPushRequest(attempt.phone(), attempt.amount(),
				attempt.reference(), this.daraja.callbackUrl(this.settings.callbackPath() + "/" + token)));
		PaymentAttempt recorded = record(attempt.id(), attempt.phone(), outcome, queueDeadline);
		if (outcome instanceof StkPushOutcome.Accepted || outcome instanceof StkPushOutcome.Ambiguous) {
			// A callback that overtook this answer waits for it in the inbox.
			this.callbacks.applyWaiting(attempt.id());
		}
		return recorded;
	}

	private PaymentAttempt record(PaymentId id, Msisdn phone, StkPushOutcome outcome, Instant queueDeadline) {
		PaymentAttempt attempt = Objects.requireNonNull(this.transactions.execute((status) -> {
			PaymentAttempt locked = this.attempts.lock(id).orElseThrow();
			Instant now = this.clock.instant();
			switch (outcome) {
				case StkPushOutcome.Accepted accepted -> {
					locked.accepted(accepted.merchantRequestId(), accepted.checkoutRequestId(), now);
					this.sessions.recordPaymentStarted(locked.sessionId(),
							new SessionPayments.PaymentStarted(locked.id().value(),
									accepted.checkoutRequestId().value(), accepted.merchantRequestId().value(),
									locked.amount(), phone, now));
				}
				case StkPushOutcome.Ambiguous ambiguous -> {
					locked.ambiguous(ambiguous.reason(), now);
					this.sessions.recordPaymentStarted(locked.sessionId(), new SessionPayments.PaymentStarted(
							locked.id().value(), null, null, locked.amount(), phone, now));
				}
				case StkPushOutcome.Rejected rejected -> {
					locked.rejected(rejected.code(), rejected.darajaMessage(), now);
					// Refused at once is still a failed payment of this session: the
					// session
					// says "Payment failed" as the panel does, not "Unpaid" (issue 14).
					this.sessions.recordPaymentStarted(locked.sessionId(), new SessionPayments.PaymentStarted(
							locked.id().value(), null, null, locked.amount(), phone, now));
					this.sessions.recordPaymentFailed(locked.sessionId(), new SessionPayments.PaymentFailure(
							locked.id().value(), rejected.code().code(), rejected.darajaMessage(), now));
				}
				case StkPushOutcome.Unavailable unavailable -> {
					if (now.isBefore(queueDeadline) && this.claims.queuedCount() < this.settings.maxQueued()) {
						locked.queue(queueDeadline, now);
					}
					else {
						locked.notSent(UNREACHABLE, now);
					}
				}
			}
			this.applier.save(locked);
			return locked;
		}));
		return switch (outcome) {
			case StkPushOutcome.Rejected rejected ->
				throw new PaymentFailures.MpesaRefusedPayment(rejected.code().customerMessage())
					.with("paymentId", id.toString())
					.with("cause", rejected.cause().name());
			case StkPushOutcome.Unavailable unavailable when !attempt.queued() ->
				throw new PaymentFailures.MpesaUnavailable(Objects.requireNonNull(attempt.reason())).with("paymentId",
						id.toString());
			default -> attempt;
		};
	}

	private static final String UNREACHABLE = "M-Pesa is not reachable right now. Nothing was charged; "
			+ "please try again in a few minutes.";

	private MalipoException inProgress(SessionId sessionId) {
		MalipoException problem = new PaymentFailures.PaymentInProgress();
		this.attempts.findLive(sessionId).ifPresent((live) -> {
			problem.with("paymentId", live.id().toString());
			problem.with("paymentState", live.state().name());
			if (live.checkoutRequestId() != null) {
				problem.with("checkoutRequestId", live.checkoutRequestId().value());
			}
			problem.with("startedAt", live.createdAt().toString());
		});
		return problem;
	}

}
