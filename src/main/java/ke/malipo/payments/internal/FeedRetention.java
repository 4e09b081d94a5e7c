package ke.malipo.payments.internal;

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
 * Deletes feed rows older than {@code malipo.payments.feed.keep} that every reader has
 * passed, so the feed does not grow for ever; what the readers made of them is in their
 * own tables, and each payment's whole story in payments' own. One node at a time, in
 * batches.
 */
@Component
class FeedRetention {

	private static final Logger log = LoggerFactory.getLogger(FeedRetention.class);

	/** The advisory lock key of this job ("FEEDKEEP" as a number). */
	private static final long LOCK = 0x464545444B454550L;

	private static final int BATCH = 10_000;

	private final PaymentFeed feed;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PaymentSettings settings;

	private final Clock clock;

	FeedRetention(PaymentFeed feed, JdbcClient jdbc, TransactionTemplate transactions, PaymentSettings settings,
			Clock clock) {
		this.feed = feed;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${malipo.payments.feed.prune-every:1h}", initialDelayString = "3m")
	void onSchedule() {
		deleteOld();
	}

	/** Deletes what is old enough and passed; returns how many. */
	int deleteOld() {
		Instant cutoff = this.clock.instant().minus(this.settings.feed().keep());
		int total = 0;
		while (true) {
			Integer deleted = this.transactions.execute(
					(status) -> AdvisoryLocks.tryForTransaction(this.jdbc, LOCK) ? this.feed.prune(cutoff, BATCH) : 0);
			total += (deleted != null) ? deleted : 0;
			if (deleted == null || deleted < BATCH) {
				if (total > 0) {
					log.info("Deleted {} feed rows recorded before {} that every reader had passed", total, cutoff);
				}
				return total;
			}
		}
	}

}
