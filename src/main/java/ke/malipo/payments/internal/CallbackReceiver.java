package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.ratelimit.Limit;
import ke.malipo.common.ratelimit.RateLimits;
import ke.malipo.daraja.InvalidDarajaPayloadException;
import ke.malipo.daraja.StkCallback;
import ke.malipo.daraja.StkCallbacks;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * STK callbacks (Properties 20, 46, 75). The token in the URL is checked before the body
 * is believed; the body must speak of the token's own attempt; the raw body is stored,
 * M-Pesa is answered, and the {@link CallbackApplier} applies it, in a batch with others
 * that arrived together.
 */
@Service
public class CallbackReceiver {

	private static final Logger log = LoggerFactory.getLogger(CallbackReceiver.class);

	private final AttemptRepository attempts;

	private final CallbackInbox inbox;

	private final OutcomeApplier applier;

	private final CallbackApplier callbacks;

	private final RateLimits limits;

	private final PaymentSettings.RefusedCallbacks refused;

	private final CallbackSources sources;

	private final java.util.function.Predicate<@Nullable String> sourceAllowed;

	private final Clock clock;

	private final PaymentStatisticsQueries statistics;

	CallbackReceiver(AttemptRepository attempts, CallbackInbox inbox, OutcomeApplier applier, CallbackApplier callbacks,
			RateLimits limits, PaymentSettings settings, Clock clock, PaymentStatisticsQueries statistics) {
		this.statistics = statistics;
		this.attempts = attempts;
		this.inbox = inbox;
		this.applier = applier;
		this.callbacks = callbacks;
		this.limits = limits;
		this.refused = settings.refusedCallbacks();
		this.sources = settings.callbackSources();
		this.sourceAllowed = this.sources.check();
		this.clock = clock;
	}

	/**
	 * Receives a callback. Returns normally once the body is safely stored (also for
	 * duplicates); throws 403 {@code FORGED_CALLBACK} for a wrong token, a body about
	 * another payment or (when enforced) an address not on the allow-list, and 400
	 * {@code MALFORMED_CALLBACK} for a body that is not an STK callback.
	 */
	public void receive(String token, String body, @Nullable String source) {
		Instant now = this.clock.instant();
		if (!this.sourceAllowed.test(source)) {
			if (this.sources.mode() == CallbackSources.Mode.ENFORCE) {
				refuse(null, body, source, "source address not on the callback allow-list", now);
				log.warn("STK callback refused: {} is not on malipo.payments.callback-sources.allowed", source);
				throw forged();
			}
			log.warn("STK callback from {}, an address not on malipo.payments.callback-sources.allowed", source);
		}
		String hash = CallbackTokens.hash(token);
		Optional<PaymentAttempt> attempt = CallbackTokens.wellFormed(token) ? this.attempts.findByTokenHash(hash)
				: Optional.empty();
		if (attempt.isEmpty()) {
			refuse(null, body, source, "unknown callback token", now);
			log.warn("Forged or stale STK callback refused: unknown token, from {}", source);
			throw forged();
		}
		PaymentAttempt owner = attempt.get();
		StkCallback callback;
		try {
			callback = StkCallbacks.parse(body);
		}
		catch (InvalidDarajaPayloadException ex) {
			refuse(owner.id(), body, source, "malformed: " + ex.getMessage(), now);
			throw new PaymentFailures.MalformedCallback(ex.getMessage());
		}
		// An attempt whose push was ambiguous never learnt its CheckoutRequestID; its
		// token alone (256 random bits, one attempt) vouches for the callback, which
		// teaches it the id. One whose push is still in flight has not learnt it yet: the
		// callback can overtake Daraja's answer to the push.
		boolean learnsId = owner.checkoutRequestId() == null && owner.state() == AttemptState.UNKNOWN;
		boolean overtook = owner.checkoutRequestId() == null && owner.state() == AttemptState.INITIATED;
		if (!learnsId && !overtook && !callback.checkoutRequestId().equals(owner.checkoutRequestId())) {
			refuse(owner.id(), body, source, "CheckoutRequestID does not match the token", now);
			log.warn("Forged STK callback refused: payment {} got a body about another request, from {}", owner.id(),
					source);
			throw forged();
		}
		this.inbox.store(owner.id(), body, source, "RECEIVED", null, now);
		this.statistics.callbackStored(now,
				(callback instanceof StkCallback.Paid paid) ? paid.transactionDate() : null);
		if (overtook) {
			// Kept (and acknowledged); applied as soon as the push's answer is stored.
			log.info("STK callback for payment {} arrived before Daraja's answer to the push; kept until then",
					owner.id());
			return;
		}
		this.callbacks.stored();
	}

	/**
	 * Keeps a refused callback for the record, cut short; an address that keeps sending
	 * them is turned away unread (429) until its window passes. Only refused callbacks
	 * count, so a genuine one is never held back.
	 */
	private void refuse(@Nullable PaymentId attempt, String body, @Nullable String source, String why, Instant now) {
		Optional<java.time.Duration> wait = this.limits.tryAcquire(
				List.of(new Limit("callback-refused:" + source, this.refused.perAddress(), this.refused.window())));
		if (wait.isPresent()) {
			long seconds = Math.max(1, wait.get().toSeconds());
			throw new PaymentFailures.TooManyRefusedCallbacks(seconds);
		}
		this.inbox.store(attempt, cut(body), source, "REJECTED", why, now);
		if (attempt != null) {
			this.applier.callbackRefused(attempt, why, source);
		}
	}

	private String cut(String body) {
		int kept = this.refused.keptBytes();
		if (body.length() <= kept) {
			return body;
		}
		return body.substring(0, kept) + "… [cut: " + body.length() + " characters received]";
	}

	private static MalipoException forged() {
		return new PaymentFailures.ForgedCallback();
	}

}
