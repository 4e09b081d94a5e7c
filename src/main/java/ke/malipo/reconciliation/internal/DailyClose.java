package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.database.AdvisoryLocks;
import ke.malipo.common.time.Eat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * The daily close: at 23:00 East Africa Time each day is reconciled once, on whichever
 * node looks first (a day is closed in one transaction with its run, under a lock on the
 * day, and recorded, so no other node closes it again). Days missed while no node ran are
 * caught up, oldest first, up to {@code catchUpDays}; a close that fails is tried again
 * at the next look. A close left incomplete (a source failed, or the day's last hour had
 * not happened or settled at 23:00) is run again every {@code closeRetryEvery} while Pull
 * Transactions can still reach the day, and its newest run becomes the day's.
 */
@Component
public class DailyClose {

	private static final Logger log = LoggerFactory.getLogger(DailyClose.class);

	/** The advisory lock class of daily closes ("CLOS"). */
	private static final int LOCK_CLASS = 0x434C4F53;

	private final Reconciler reconciler;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ReconciliationSettings settings;

	private final Clock clock;

	private final StatusQueries statusQueries;

	DailyClose(Reconciler reconciler, JdbcClient jdbc, TransactionTemplate transactions,
			ReconciliationSettings settings, Clock clock, StatusQueries statusQueries) {
		this.statusQueries = statusQueries;
		this.reconciler = reconciler;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${malipo.reconciliation.close-check-interval:5m}",
			initialDelayString = "${malipo.reconciliation.close-check-interval:5m}")
	void onSchedule() {
		closeDueDays();
	}

	/** Closes every day that is due and not closed yet; the days this node closed. */
	public List<LocalDate> closeDueDays() {
		List<LocalDate> closed = new ArrayList<>();
		for (LocalDate day : dueDays()) {
			try {
				if (close(day)) {
					closed.add(day);
					askAboutUnproven(day);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Closing {} failed; it is tried again at the next look: {}", day, ex.toString());
				break;
			}
		}
		return closed;
	}

	/**
	 * Every day not closed yet from the first day ever closed (at most
	 * {@code catchUpDays} back) to the newest due; only the newest on the first close. A
	 * day that failed, or that another node skipped while it was busy, stays due.
	 */
	private List<LocalDate> dueDays() {
		ZonedDateTime now = this.clock.instant().atZone(Eat.ZONE);
		LocalDate newest = now.toLocalTime().isBefore(this.settings.closeAt()) ? now.toLocalDate().minusDays(1)
				: now.toLocalDate();
		LocalDate earliest = newest.minusDays(this.settings.catchUpDays() - 1L);
		List<LocalDate> closed = this.jdbc.sql("select day from reconciliation.closes where day >= :earliest")
			.param("earliest", earliest)
			.query((rs, row) -> rs.getObject(1, LocalDate.class))
			.list();
		boolean everClosed = Boolean.TRUE
			.equals(this.jdbc.sql("select count(*) > 0 from reconciliation.closes").query(Boolean.class).single());
		LocalDate first = !everClosed ? newest
				: closed.stream().min(LocalDate::compareTo).filter(earliest::isBefore).orElse(earliest);
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(newest); day = day.plusDays(1)) {
			if (!closed.contains(day)) {
				days.add(day);
			}
		}
		days.addAll(toRetry(now.toInstant()));
		return days.stream().distinct().sorted().toList();
	}

	/**
	 * Incomplete closes worth running again: not tried for {@code closeRetryEvery}, and
	 * with hours Pull Transactions still reaches.
	 */
	private List<LocalDate> toRetry(java.time.Instant now) {
		return this.jdbc.sql("""
				select day from reconciliation.closes
				 where not complete and attempted_at <= :triedBefore and day >= :reachable
				""")
			.param("triedBefore", ts(now.minus(this.settings.closeRetryEvery())))
			.param("reachable", now.minus(this.settings.pullReach()).atZone(Eat.ZONE).toLocalDate())
			.query((rs, row) -> rs.getObject(1, LocalDate.class))
			.list();
	}

	private boolean close(LocalDate day) {
		// M-Pesa is asked first, outside the day's transaction: nodes looking at once
		// may both read, which stores nothing twice, and no lock waits on Daraja.
		List<String> sourceProblems = this.reconciler.readSources(day.atStartOfDay(Eat.ZONE).toInstant(),
				day.plusDays(1).atStartOfDay(Eat.ZONE).toInstant());
		Boolean done = this.transactions.execute((status) -> {
			boolean mine = AdvisoryLocks.tryForTransaction(this.jdbc, LOCK_CLASS, (int) day.toEpochDay());
			if (!mine || !due(day)) {
				return false;
			}
			UUID run = this.reconciler.reconcileRead(day, "schedule", sourceProblems);
			boolean complete = this.jdbc.sql("select status = 'COMPLETE' from reconciliation.runs where id = :run")
				.param("run", run)
				.query(Boolean.class)
				.single();
			this.jdbc.sql("""
					insert into reconciliation.closes (day, run_id, closed_at, complete, attempted_at)
					values (:day, :run, :now, :complete, :now)
					on conflict (day) do update set run_id = excluded.run_id, complete = excluded.complete,
					  attempted_at = excluded.attempted_at
					""")
				.param("day", day)
				.param("run", run)
				.param("now", ts(this.clock.instant()))
				.param("complete", complete)
				.update();
			log.info("Closed {}{}: reconciliation run {}", day, complete ? "" : " (incomplete, tried again later)",
					run);
			return true;
		});
		return Boolean.TRUE.equals(done);
	}

	/**
	 * Paid payments of the closed day that no M-Pesa record shows are asked about with
	 * Transaction Status; each answer reconciles its session again.
	 */
	private void askAboutUnproven(LocalDate day) {
		UUID run = runOf(day);
		if (run != null) {
			this.statusQueries.ask(this.statusQueries.unprovenIn(run), "schedule");
		}
	}

	/** Whether the day is still due now that this node holds its lock. */
	private boolean due(LocalDate day) {
		return this.jdbc.sql("""
				select count(*) from reconciliation.closes where day = :day
				   and (complete or attempted_at > :triedBefore)
				""")
			.param("day", day)
			.param("triedBefore", ts(this.clock.instant().minus(this.settings.closeRetryEvery())))
			.query(Integer.class)
			.single() == 0;
	}

	/** The run that closed a day, if one did. */
	public @Nullable UUID runOf(LocalDate day) {
		return this.jdbc.sql("select run_id from reconciliation.closes where day = :day")
			.param("day", day)
			.query((rs, row) -> rs.getObject(1, UUID.class))
			.optional()
			.orElse(null);
	}

}
