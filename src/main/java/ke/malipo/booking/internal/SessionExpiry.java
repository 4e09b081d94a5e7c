package ke.malipo.booking.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import ke.malipo.booking.SessionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires sessions nobody acted on in time, releasing the psychologist's slot. Safe on
 * several nodes at once: each batch claims its rows with {@code FOR UPDATE SKIP LOCKED}
 * and the session itself re-checks that it is due, so a session is expired exactly once.
 */
@Component
public class SessionExpiry {

	private static final Logger log = LoggerFactory.getLogger(SessionExpiry.class);

	private static final int BATCH = 100;

	private final SessionRepository sessions;

	private final SessionEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SessionExpiry(SessionRepository sessions, SessionEvents events, TransactionTemplate transactions, Clock clock) {
		this.sessions = sessions;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${malipo.booking.expiry-check-interval:1m}", initialDelayString = "10s")
	void onSchedule() {
		int expired = expireDue();
		if (expired > 0) {
			log.info("Expired {} sessions", expired);
		}
	}

	/** Expires every session due at this moment; returns how many. */
	public int expireDue() {
		int total = 0;
		Batch batch;
		do {
			Instant now = this.clock.instant();
			batch = this.transactions.execute((status) -> expireBatch(now));
			total += (batch != null) ? batch.expired() : 0;
		}
		while (batch != null && batch.claimed() == BATCH);
		return total;
	}

	private Batch expireBatch(Instant now) {
		List<SessionId> due = this.sessions.claimDueToExpire(now, BATCH);
		int expired = 0;
		for (SessionId id : due) {
			Session session = this.sessions.findById(id).orElseThrow();
			if (session.isDueToExpire(now)) {
				session.expire(now);
				this.sessions.update(session);
				this.events.publish(session);
				expired++;
			}
		}
		return new Batch(due.size(), expired);
	}

	private record Batch(int claimed, int expired) {
	}

}
