package ke.malipo.booking.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals notes that were stored in the clear before V34, in small transactions at
 * start-up, so an upgraded database holds no plain notes once a node of this version has
 * started. Idempotent, and safe on several nodes at once (rows are claimed).
 */
@Component
class NotesSealing {

	private static final Logger log = LoggerFactory.getLogger(NotesSealing.class);

	private static final int BATCH = 500;

	private final SessionRepository sessions;

	private final TransactionTemplate transactions;

	NotesSealing(SessionRepository sessions, TransactionTemplate transactions) {
		this.sessions = sessions;
		this.transactions = transactions;
	}

	@EventListener(ApplicationReadyEvent.class)
	void sealLegacyNotes() {
		int total = 0;
		Integer sealed;
		do {
			sealed = this.transactions.execute((tx) -> this.sessions.sealLegacyNotes(BATCH));
			total += (sealed != null) ? sealed : 0;
		}
		while (sealed != null && sealed == BATCH);
		if (total > 0) {
			log.info("Sealed the notes of {} sessions stored before notes were encrypted", total);
		}
	}

}
