package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.common.time.Eat;
import ke.malipo.reconciliation.RunFinished;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * The engine: compares our payments with M-Pesa's records over a range of days (East
 * Africa Time, both included), set-based in PostgreSQL, and records the run with one item
 * per payment and per M-Pesa receipt. Matching goes by the receipt first, then by our
 * reference at the end of the AccountReference, then by amount, phone and time; where two
 * candidates fit, neither is guessed and the item waits for verification. Amounts must
 * agree to the shilling. A run is one transaction under a lock on its range, so two nodes
 * never run the same range at once, and the same inputs give the same items.
 */
@Service
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	/** The advisory lock class of reconciliation runs ("RECO"). */
	private static final int LOCK_CLASS = 0x5245434F;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ReconciliationSettings settings;

	private final Clock clock;

	private final Comparison comparison;

	private final AutoResolution autoResolution;

	private final PullSource pull;

	private final ApplicationEventPublisher events;

	Reconciler(JdbcClient jdbc, TransactionTemplate transactions, ReconciliationSettings settings, Clock clock,
			Comparison comparison, AutoResolution autoResolution, PullSource pull, ApplicationEventPublisher events) {
		this.events = events;
		this.pull = pull;
		this.comparison = comparison;
		this.autoResolution = autoResolution;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Reconciles every payment and M-Pesa record of the days {@code from} to {@code to}.
	 * @param startedBy who or what asked: a user's id, or the schedule
	 * @return the run's id
	 */
	public UUID reconcilePayments(LocalDate from, LocalDate to, String startedBy) {
		if (to.isBefore(from)) {
			throw new ReconciliationFailures.InvalidRange("The range ends before it starts.");
		}
		if (from.plusDays(this.settings.maxRangeDays() - 1L).isBefore(to)) {
			throw new ReconciliationFailures.InvalidRange(
					"One run covers at most " + this.settings.maxRangeDays() + " days; split the range.");
		}
		if (from.isAfter(this.clock.instant().atZone(Eat.ZONE).toLocalDate())) {
			throw new ReconciliationFailures.InvalidRange("The range starts in the future.");
		}
		Instant start = from.atStartOfDay(Eat.ZONE).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(Eat.ZONE).toInstant();
		return run(from, to, startedBy, null, readSources(start, end));
	}

	/**
	 * Asks M-Pesa's live sources (Pull Transactions) for the hours of a range that need
	 * it. Never inside a transaction: no lock may be held while Daraja answers.
	 * @return what went wrong, for the run's record
	 */
	List<String> readSources(Instant start, Instant end) {
		return this.pull.refresh(start, end);
	}

	/**
	 * Reconciles a range whose sources the caller has just read (the daily close reads
	 * them before it takes the day's lock and transaction).
	 */
	UUID reconcileRead(LocalDate day, String startedBy, List<String> sourceProblems) {
		return run(day, day, startedBy, null, sourceProblems);
	}

	/**
	 * Reconciles one session's payments with every M-Pesa record that could be theirs,
	 * recorded as a run of its own.
	 */
	public UUID reconcileSession(SessionId session, String startedBy) {
		List<Instant> span = this.jdbc.sql("""
				select created_at from reconciliation.payments where session_id = :session order by created_at
				""").param("session", session.value()).query((rs, row) -> requiredInstant(rs, "created_at")).list();
		if (span.isEmpty()) {
			throw new ReconciliationFailures.NothingToReconcile();
		}
		LocalDate from = span.get(0).atZone(Eat.ZONE).toLocalDate();
		LocalDate to = span.get(span.size() - 1).atZone(Eat.ZONE).toLocalDate();
		return run(from, to, startedBy, session, readSources(from.atStartOfDay(Eat.ZONE).toInstant(),
				to.plusDays(1).atStartOfDay(Eat.ZONE).toInstant()));
	}

	/**
	 * Announces a finished range run, after its automatic fixes, in a transaction of its
	 * own so the event publication registry hands it to every listener exactly as stored.
	 */
	private void announce(UUID run, List<String> sourceProblems) {
		this.transactions.executeWithoutResult((status) -> {
			RunFinished finished = this.jdbc
				.sql("""
						select r.*, (select count(*) from reconciliation.items i where i.run_id = r.id and i.resolution is null
						               and i.status in ('DISCREPANCY', 'UNMATCHED')) as open_problems
						  from reconciliation.runs r where r.id = :id
						""")
				.param("id", run)
				.query((rs, row) -> new RunFinished(run, rs.getObject("range_from", LocalDate.class),
						rs.getObject("range_to", LocalDate.class), rs.getString("status"), rs.getString("started_by"),
						requiredInstant(rs, "finished_at"), rs.getInt("matched"), rs.getInt("unmatched"),
						rs.getInt("discrepancy"), rs.getInt("pending"), rs.getInt("open_problems"),
						rs.getLong("paid_in_total"), rs.getLong("paid_in_total") == rs.getLong("items_paid_in"),
						sourceProblems))
				.single();
			this.events.publishEvent(finished);
		});
	}

	private UUID run(LocalDate from, LocalDate to, String startedBy, @Nullable SessionId session,
			List<String> sourceProblems) {
		UUID run = UUID.randomUUID();
		Instant start = from.atStartOfDay(Eat.ZONE).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(Eat.ZONE).toInstant();
		long began = System.nanoTime();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(:kind, hashtext(:range))")
				.param("kind", LOCK_CLASS)
				.param("range", from + "/" + to + "/" + ((session != null) ? session.value() : ""))
				.query((rs, row) -> 1)
				.single();
			this.jdbc
				.sql("""
						insert into reconciliation.runs (id, range_from, range_to, started_by, started_at, scope_session, status,
						  note)
						values (:id, :from, :to, :by, :now, :session, 'RUNNING', :note)
						""")
				.param("id", run)
				.param("from", from)
				.param("to", to)
				.param("by", startedBy)
				.param("now", ts(this.clock.instant()))
				.param("session", (session != null) ? session.value() : null)
				.param("note", sourceProblems.isEmpty() ? null : String.join("\n", sourceProblems))
				.update();
			this.comparison.compare(run, start, end, session);
		});
		int settled = this.autoResolution.resolve(run);
		if (session == null) {
			announce(run, sourceProblems);
		}
		log.info("Reconciliation run {} over {} to {} took {} ms; {} items settled by M-Pesa's records", run, from, to,
				(System.nanoTime() - began) / 1_000_000, settled);
		return run;
	}

}
