package ke.malipo.common.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import ke.malipo.common.database.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes event publications completed longer ago than
 * {@code malipo.events.keep-completed}. Spring Modulith keeps every completed one in the
 * table its staleness and resubmission queries scan (by status, without an index), so an
 * old table made each check slower for ever (BENCHMARKS.md, F1). What each module made of
 * an event is in its own tables and the audit trail; the publication only proved
 * delivery. Open and failed publications are never touched. One node at a time, in
 * batches, so a first run over a large table holds no long lock.
 */
@Component
public class CompletedEventRetention {

	private static final Logger log = LoggerFactory.getLogger(CompletedEventRetention.class);

	/** The advisory lock key of this job ("MALIPORT" as a number). */
	private static final long LOCK = 0x4D414C49504F5254L;

	private static final int BATCH = 10_000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final EventSettings settings;

	private final Clock clock;

	CompletedEventRetention(JdbcClient jdbc, TransactionTemplate transactions, EventSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${malipo.events.retention-interval:1h}", initialDelayString = "2m")
	void onSchedule() {
		deleteOld();
	}

	/** Deletes what is old enough; returns how many, or -1 when another node is at it. */
	public int deleteOld() {
		Instant cutoff = this.clock.instant().minus(this.settings.keepCompleted());
		int total = 0;
		while (true) {
			Integer deleted = this.transactions.execute((status) -> {
				if (!AdvisoryLocks.tryForTransaction(this.jdbc, LOCK)) {
					return -1;
				}
				return this.jdbc.sql("""
						delete from events.event_publication where id in (
						  select id from events.event_publication
						   where completion_date is not null and completion_date < :cutoff limit :batch)""")
					.param("cutoff", Timestamp.from(cutoff))
					.param("batch", BATCH)
					.update();
			});
			if (deleted == null || deleted < 0) {
				log.debug("Another node is deleting old event publications");
				return (total > 0) ? total : -1;
			}
			total += deleted;
			if (deleted < BATCH) {
				if (total > 0) {
					log.info("Deleted {} event publications completed before {}", total, cutoff);
				}
				return total;
			}
		}
	}

}
