package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.time.Eat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * The dashboard's figures. A day's figures come from the newest run that covered that day
 * (a later run over the same day replaces an earlier one), counting the items whose
 * M-Pesa record, or else whose payment, falls on that day in East Africa Time.
 */
@Repository
public class Overview implements ke.malipo.reconciliation.OpenProblems {

	/** How far back the orphaned tables look. */
	static final int ORPHANS_DAYS = 90;

	/** A payment still open after this long is stuck. */
	static final Duration STUCK_AFTER = Duration.ofHours(1);

	private static final String LATEST_PER_DAY = """
			with days as (
			  select cast(d as date) as day from generate_series(cast(:from as date), cast(:to as date), interval '1 day') d
			), latest as (
			  select distinct on (days.day) days.day, r.id as run_id
			    from days join reconciliation.runs r on days.day between r.range_from and r.range_to
			   where r.scope_session is null and r.status in ('COMPLETE', 'INCOMPLETE')
			   order by days.day, r.started_at desc
			), day_items as (
			  select i.* from latest l join reconciliation.items i on i.run_id = l.run_id
			   and cast(timezone('Africa/Nairobi', coalesce(i.record_at, i.our_at)) as date) = l.day
			)
			""";

	private final JdbcClient jdbc;

	private final Runs runs;

	private final Clock clock;

	Overview(JdbcClient jdbc, Runs runs, Clock clock) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.clock = clock;
	}

	/** Counts of a period's items, and the M-Pesa money of its matched ones. */
	public record Figures(LocalDate from, LocalDate to, int matched, int unmatched, int discrepancy,
			int pendingVerification, long amountMatched, int daysReconciled, int days) {
	}

	/** Today, this week (from Monday) and this month, in East Africa Time. */
	public record Summary(Figures today, Figures week, Figures month, int orphaned) {
	}

	public Summary summary() {
		LocalDate today = this.clock.instant().atZone(Eat.ZONE).toLocalDate();
		return new Summary(figures(today, today), figures(today.with(java.time.DayOfWeek.MONDAY), today),
				figures(today.withDayOfMonth(1), today), orphanCount());
	}

	Figures figures(LocalDate from, LocalDate to) {
		return this.jdbc.sql(LATEST_PER_DAY + """
				select count(*) filter (where status = 'MATCHED') as matched,
				       count(*) filter (where status = 'UNMATCHED') as unmatched,
				       count(*) filter (where status = 'DISCREPANCY') as discrepancy,
				       count(*) filter (where status = 'PENDING_VERIFICATION') as pending,
				       coalesce(sum(record_total) filter (where status = 'MATCHED'), 0) as amount,
				       (select count(*) from latest) as reconciled
				  from day_items
				""")
			.param("from", from)
			.param("to", to)
			.query((rs, row) -> new Figures(from, to, rs.getInt("matched"), rs.getInt("unmatched"),
					rs.getInt("discrepancy"), rs.getInt("pending"), rs.getLong("amount"), rs.getInt("reconciled"),
					(int) (to.toEpochDay() - from.toEpochDay() + 1)))
			.single();
	}

	/** Money without a payment, payments without money, and payments stuck open. */
	public record Orphans(List<Runs.Item> moneyWithoutPayment, List<Runs.Item> paymentsWithoutMoney,
			List<Stuck> stuck) {
	}

	/** A payment whose outcome has stayed open too long. */
	public record Stuck(UUID paymentId, UUID sessionId, long amount, String phone, String state, Instant createdAt) {
	}

	public Orphans orphans() {
		return new Orphans(orphanItems("MONEY_WITHOUT_PAYMENT"), orphanItems("PAYMENT_WITHOUT_MONEY"), stuck());
	}

	private List<Runs.Item> orphanItems(String problem) {
		LocalDate today = this.clock.instant().atZone(Eat.ZONE).toLocalDate();
		List<UUID> ids = this.jdbc.sql(LATEST_PER_DAY + """
				select id from day_items where problem = :problem and resolution is null
				 order by coalesce(record_at, our_at) desc limit 200
				""")
			.param("from", today.minusDays(ORPHANS_DAYS))
			.param("to", today)
			.param("problem", problem)
			.query((rs, row) -> rs.getObject(1, UUID.class))
			.list();
		return ids.stream().flatMap((id) -> this.runs.item(id).stream()).toList();
	}

	@Override
	public int count() {
		LocalDate today = this.clock.instant().atZone(Eat.ZONE).toLocalDate();
		return this.jdbc.sql(LATEST_PER_DAY + """
				select count(*) from day_items where status in ('DISCREPANCY', 'UNMATCHED') and resolution is null
				""").param("from", today.minusDays(DAYS)).param("to", today).query(Integer.class).single();
	}

	private int orphanCount() {
		LocalDate today = this.clock.instant().atZone(Eat.ZONE).toLocalDate();
		int items = this.jdbc.sql(LATEST_PER_DAY + """
				select count(*) from day_items
				 where problem in ('MONEY_WITHOUT_PAYMENT', 'PAYMENT_WITHOUT_MONEY') and resolution is null
				""").param("from", today.minusDays(ORPHANS_DAYS)).param("to", today).query(Integer.class).single();
		return items + stuck().size();
	}

	private List<Stuck> stuck() {
		return this.jdbc.sql("""
				select payment_id, session_id, amount, phone, state, created_at from reconciliation.payments
				 where state in ('INITIATED', 'AWAITING_CUSTOMER', 'UNKNOWN', 'NEEDS_REVIEW') and created_at < :before
				 order by created_at limit 200
				""")
			.param("before", ts(this.clock.instant().minus(STUCK_AFTER)))
			.query((rs, row) -> new Stuck(rs.getObject("payment_id", UUID.class),
					rs.getObject("session_id", UUID.class), rs.getLong("amount"), rs.getString("phone"),
					rs.getString("state"), requiredInstant(rs, "created_at")))
			.list();
	}

}
