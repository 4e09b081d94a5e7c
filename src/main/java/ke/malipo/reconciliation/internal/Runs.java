package ke.malipo.reconciliation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import ke.malipo.common.time.Eat;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.instant;
import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/** Recorded runs and their items, as the dashboard, the API and the report read them. */
@Repository
public class Runs {

	/** Items in one page of a run. */
	public static final int PAGE_SIZE = 100;

	private static final String ITEM_COLUMNS = """
			id, status, problem, rule, payment_id, session_id, our_amount, our_phone, our_state, our_receipt, our_at,
			record_receipt, record_amount, record_phone, record_account, record_at, record_sources, candidates,
			resolution, resolution_note, resolved_at, resolved_by""";

	private final JdbcClient jdbc;

	Runs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A run and its counts. */
	public record Run(UUID id, LocalDate from, LocalDate to, String startedBy, Instant startedAt,
			@Nullable Instant finishedAt, String status, int matched, int unmatched, int discrepancy,
			int pendingVerification, long paidInTotal, long itemsPaidIn, long amountMatched, int uncoveredHours,
			@Nullable UUID session, @Nullable String sourceProblems) {

		/** Whether its items carry exactly M-Pesa's paid-in total for the range. */
		public boolean tiesOut() {
			return this.paidInTotal == this.itemsPaidIn;
		}

	}

	/** Our side of an item: the payment as reconciliation knows it. */
	public record Ours(UUID paymentId, UUID sessionId, long amount, String phone, String state,
			@Nullable String receipt, Instant at) {
	}

	/** M-Pesa's side of an item: one receipt, from one or more sources. */
	public record Theirs(String receipt, long amount, @Nullable String phone, @Nullable String account, Instant at,
			String sources) {
	}

	/** One item of a run, with what decided it. */
	public record Item(UUID id, String status, @Nullable String problem, String rule, @Nullable Ours ours,
			@Nullable Theirs theirs, @Nullable String candidates, @Nullable String resolution,
			@Nullable String resolutionNote, @Nullable Instant resolvedAt, @Nullable String resolvedBy) {

		public String explanation() {
			return ItemExplanation.of(this);
		}

	}

	public Optional<Run> run(UUID id) {
		return this.jdbc.sql("select * from reconciliation.runs where id = :id")
			.param("id", id)
			.query(Runs::run)
			.optional();
	}

	/** The newest finished run over the whole of a range, not one session's. */
	public Optional<Run> latest() {
		return this.jdbc.sql("""
				select * from reconciliation.runs where scope_session is null and status <> 'RUNNING'
				 order by started_at desc limit 1
				""").query(Runs::run).optional();
	}

	/** The newest runs, newest first. */
	public List<Run> recent(int limit) {
		return this.jdbc.sql("""
				select * from reconciliation.runs where scope_session is null order by started_at desc limit :limit
				""").param("limit", limit).query(Runs::run).list();
	}

	/**
	 * A page of a run's items, problems first, then by time; optionally only one status.
	 */
	public List<Item> items(UUID run, @Nullable String status, int page) {
		return this.jdbc
			.sql("select " + ITEM_COLUMNS
					+ """
							 from reconciliation.items where run_id = :run and (cast(:status as text) is null or status = :status)
							 order by case status when 'DISCREPANCY' then 0 when 'UNMATCHED' then 1 when 'PENDING_VERIFICATION' then 2
							          else 3 end, coalesce(record_at, our_at), id
							 limit :limit offset :offset
							""")
			.param("run", run)
			.param("status", status)
			.param("limit", PAGE_SIZE)
			.param("offset", (long) Math.max(0, page) * PAGE_SIZE)
			.query(Runs::item)
			.list();
	}

	/** Every item of a run, streamed in report order, for the CSV report. */
	public void eachItem(UUID run, Consumer<Item> items) {
		// The stream holds its connection until closed.
		try (java.util.stream.Stream<Item> all = this.jdbc.sql("select " + ITEM_COLUMNS + """
				 from reconciliation.items where run_id = :run order by coalesce(record_at, our_at), id
				""").param("run", run).query(Runs::item).stream()) {
			all.forEach(items);
		}
	}

	public Optional<Item> item(UUID id) {
		return this.jdbc.sql("select " + ITEM_COLUMNS + " from reconciliation.items where id = :id")
			.param("id", id)
			.query(Runs::item)
			.optional();
	}

	/**
	 * One hour of a run's range and the sources whose records cover it now (empty when
	 * none does: the run cannot speak for that hour).
	 */
	public record HourCoverage(Instant hour, List<String> sources) {

		public boolean covered() {
			return !this.sources.isEmpty();
		}

	}

	/** Each hour of a run's range, East Africa Time, and what covers it now. */
	public List<HourCoverage> coverage(Run run) {
		return this.jdbc.sql("""
				select h, coalesce(array_agg(distinct c.source) filter (where c.source is not null), '{}') as sources
				  from generate_series(cast(:from as timestamptz), cast(:to as timestamptz) - interval '1 hour',
				       interval '1 hour') h
				  left join reconciliation.coverage c on c.covered_from <= h and c.covered_to >= h + interval '1 hour'
				 group by h order by h
				""")
			.param("from", ts(run.from().atStartOfDay(Eat.ZONE).toInstant()))
			.param("to", ts(run.to().plusDays(1).atStartOfDay(Eat.ZONE).toInstant()))
			.query((rs, row) -> new HourCoverage(requiredInstant(rs, "h"),
					List.of((String[]) rs.getArray("sources").getArray())))
			.list();
	}

	private static Run run(ResultSet rs, int row) throws SQLException {
		return new Run(rs.getObject("id", UUID.class), rs.getObject("range_from", LocalDate.class),
				rs.getObject("range_to", LocalDate.class), rs.getString("started_by"),
				requiredInstant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("status"),
				rs.getInt("matched"), rs.getInt("unmatched"), rs.getInt("discrepancy"), rs.getInt("pending"),
				rs.getLong("paid_in_total"), rs.getLong("items_paid_in"), rs.getLong("amount_matched"),
				rs.getInt("uncovered_hours"), rs.getObject("scope_session", UUID.class), rs.getString("note"));
	}

	private static Item item(ResultSet rs, int row) throws SQLException {
		UUID payment = rs.getObject("payment_id", UUID.class);
		Ours ours = (payment == null) ? null
				: new Ours(payment, rs.getObject("session_id", UUID.class), rs.getLong("our_amount"),
						rs.getString("our_phone"), rs.getString("our_state"), rs.getString("our_receipt"),
						requiredInstant(rs, "our_at"));
		String receipt = rs.getString("record_receipt");
		Theirs theirs = (receipt == null) ? null
				: new Theirs(receipt, rs.getLong("record_amount"), rs.getString("record_phone"),
						rs.getString("record_account"), requiredInstant(rs, "record_at"),
						rs.getString("record_sources"));
		return new Item(rs.getObject("id", UUID.class), rs.getString("status"), rs.getString("problem"),
				rs.getString("rule"), ours, theirs, rs.getString("candidates"), rs.getString("resolution"),
				rs.getString("resolution_note"), instant(rs, "resolved_at"), rs.getString("resolved_by"));
	}

}
