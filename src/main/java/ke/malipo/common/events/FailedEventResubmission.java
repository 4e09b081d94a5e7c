package ke.malipo.common.events;

import ke.malipo.common.database.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands failed event publications to their listeners again, in place of republishing
 * everything incomplete whenever a node starts (which re-sends what another node is still
 * handling). A publication fails when its listener throws, or when the staleness monitor
 * finds it stuck because its node died. Only one node resubmits at a time: the run holds
 * a PostgreSQL advisory lock, so a publication another node already took is not taken
 * again. Listeners must still be idempotent: a node may die after the work and before the
 * publication is marked complete.
 */
@Component
public class FailedEventResubmission {

	private static final Logger log = LoggerFactory.getLogger(FailedEventResubmission.class);

	/** The advisory lock key of this job ("MALIPOEV" as a number). */
	private static final long LOCK = 0x4D414C49504F4556L;

	private final FailedEventPublications failed;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final EventSettings settings;

	FailedEventResubmission(FailedEventPublications failed, JdbcClient jdbc, TransactionTemplate transactions,
			EventSettings settings) {
		this.failed = failed;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${malipo.events.resubmit-interval:30s}", initialDelayString = "20s")
	void onSchedule() {
		resubmit();
	}

	/** Resubmits failed publications old enough; false when another node is at it. */
	public boolean resubmit() {
		Boolean ran = this.transactions.execute((status) -> {
			boolean mine = AdvisoryLocks.tryForTransaction(this.jdbc, LOCK);
			if (mine) {
				this.failed.resubmit(ResubmissionOptions.defaults()
					.withMinAge(this.settings.resubmitAfter())
					.withBatchSize(100)
					.withMaxInFlight(100));
			}
			return mine;
		});
		if (!Boolean.TRUE.equals(ran)) {
			log.debug("Another node is resubmitting failed event publications");
		}
		return Boolean.TRUE.equals(ran);
	}

}
