package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionPayments;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.payments.AttemptState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * What a session's payment looks like right now, for its client, its psychologist or an
 * admin. When a prompt has waited past the threshold without a callback, it asks Daraja
 * itself before answering (rate-limited per attempt), so nobody waits on a lost callback.
 */
@Service
public class PaymentStatusService {

	private final AttemptRepository attempts;

	private final SessionPayments sessions;

	private final PaymentResolver resolver;

	private final PaymentSettings settings;

	private final Clock clock;

	PaymentStatusService(AttemptRepository attempts, SessionPayments sessions, PaymentResolver resolver,
			PaymentSettings settings, Clock clock) {
		this.attempts = attempts;
		this.sessions = sessions;
		this.resolver = resolver;
		this.settings = settings;
		this.clock = clock;
	}

	public Optional<PaymentAttempt> status(SessionId sessionId, CurrentUser viewer) {
		if (!this.sessions.isVisibleTo(sessionId, viewer)) {
			throw new NotFoundException("SESSION_NOT_FOUND", "There is no such session.");
		}
		Optional<PaymentAttempt> latest = this.attempts.latest(sessionId);
		if (latest.isPresent() && isUnclear(latest.get(), this.clock.instant())) {
			this.resolver.check(latest.get().id());
			latest = this.attempts.latest(sessionId);
		}
		return latest;
	}

	/** Waiting past the threshold with no callback, and not asked about too recently. */
	boolean isUnclear(PaymentAttempt attempt, Instant now) {
		if (attempt.state() != AttemptState.AWAITING_CUSTOMER) {
			return false;
		}
		@Nullable Instant asked = attempt.lastQueriedAt();
		return !attempt.createdAt().plus(this.settings.directQueryAfter()).isAfter(now)
				&& (asked == null || !asked.plus(this.settings.directQueryInterval()).isAfter(now));
	}

}
