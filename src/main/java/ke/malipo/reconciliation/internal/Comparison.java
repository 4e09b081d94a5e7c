package ke.malipo.reconciliation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * One run's comparison, set-based in PostgreSQL inside the run's transaction: both sides
 * into temporary tables (a day either side of the range, so payments that cross midnight
 * pair up), the three pairing rules in order, the items with their rule and both records,
 * and the run's counts and tie-out. The temporary tables end with the transaction.
 */
@Component
class Comparison {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Comparison.class);

	private final JdbcClient jdbc;

	private final ReconciliationSettings settings;

	private final Clock clock;

	private final ComparisonItems items;

	Comparison(JdbcClient jdbc, ReconciliationSettings settings, Clock clock, ComparisonItems items) {
		this.items = items;
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/** Compares the range (or one session's payments) and records the run's items. */
	void compare(UUID run, Instant start, Instant end, @Nullable SessionId session) {
		Timestamp from = Objects.requireNonNull(ts(start));
		Timestamp to = Objects.requireNonNull(ts(end));
		// Either side may fall just outside the range (a payment started at 23:59 and
		// completed after midnight): candidates come from a day either side, and an item
		// belongs to the run when either of its sides is in the range.
		Timestamp wideFrom = Objects.requireNonNull(ts(start.minus(java.time.Duration.ofDays(1))));
		Timestamp wideTo = Objects.requireNonNull(ts(end.plus(java.time.Duration.ofDays(1))));
		UUID scope = (session != null) ? session.value() : null;
		long read = System.nanoTime();
		// Batch work: sorts and hashes in memory rather than spilled to disk (this run's
		// transaction only).
		sql("set local work_mem = '64MB'").update();
		sql("""
				create temp table r_ours on commit drop as
				select payment_id, session_id, amount, phone, reference, receipt, state, created_at, paid_at, updated_at,
				       (created_at >= :from and created_at < :to) as in_range
				  from reconciliation.payments
				 where created_at >= :wideFrom and created_at < :wideTo
				   and (cast(:scope as uuid) is null or session_id = cast(:scope as uuid))
				""")
			.param("from", from)
			.param("to", to)
			.param("wideFrom", wideFrom)
			.param("wideTo", wideTo)
			.param("scope", scope)
			.update();
		// One line per receipt: its amount and total from the most trusted source
		// (statement, then Transaction Status, then Pull), duplicated when a source lists
		// it twice or the amounts disagree.
		sql("""
				create temp table r_theirs on commit drop as
				with rows as (
				  select receipt, source, completed_at, paid_in, phone, account,
				         case source when 'STATEMENT' then 1 when 'TRANSACTION_STATUS' then 2 else 3 end as priority
				    from reconciliation.records r
				   where lower(status) = 'completed' and paid_in > 0 and completed_at >= :wideFrom and completed_at < :wideTo
				     and not exists (select 1 from reconciliation.statements s where s.id = r.statement_id
				                      and s.state = 'STAGED')
				), per_source as (
				  select receipt, source, min(priority) as priority, count(*) as lines, sum(paid_in) as total,
				         min(paid_in) as low, max(paid_in) as high, min(completed_at) as completed_at,
				         max(phone) filter (where phone not like '%*%') as full_phone, max(phone) as any_phone,
				         max(account) as account
				    from rows group by receipt, source
				)
				select receipt, (array_agg(total order by priority))[1] as total,
				       (array_agg(high order by priority))[1] as amount,
				       (bool_or(lines > 1) or min(low) <> max(high)) as duplicated,
				       min(completed_at) as completed_at,
				       coalesce(max(full_phone), max(any_phone)) as phone, max(account) as account,
				       string_agg(source, '+' order by priority) as sources,
				       (min(completed_at) >= :from and min(completed_at) < :to) as in_range
				  from per_source group by receipt
				""")
			.param("from", from)
			.param("to", to)
			.param("wideFrom", wideFrom)
			.param("wideTo", wideTo)
			.update();
		if (scope != null) {
			// A session's run keeps only the records that could be its payments'.
			sql("""
					delete from r_theirs t where not exists (
					  select 1 from r_ours o where o.receipt = t.receipt
					   or o.reference = upper(right(btrim(coalesce(t.account, '')), 6))
					   or (o.amount = t.amount and t.phone is not null and o.phone like replace(t.phone, '*', '_')
					       and t.completed_at between o.created_at - interval '1 minute'
					       and o.created_at + make_interval(secs => :window)))
					""").param("window", this.settings.matchWindow().toSeconds()).update();
			sql("update r_theirs set in_range = true").update();
			sql("update r_ours set in_range = true").update();
		}
		sql("create index on r_theirs (receipt)").update();
		sql("analyze r_theirs").update();
		sql("analyze r_ours").update();
		long began = System.nanoTime();
		match();
		long matched = System.nanoTime();
		this.items.write(run);
		long itemized = System.nanoTime();
		totals(run, from, to);
		log.debug("Run {}: both sides read in {} ms, paired in {} ms, items written in {} ms, totals in {} ms", run,
				(began - read) / 1_000_000, (matched - began) / 1_000_000, (itemized - matched) / 1_000_000,
				(System.nanoTime() - itemized) / 1_000_000);
	}

	/** The three rules, each on what the ones before left. */
	private void match() {
		sql("""
				create temp table r_pairs on commit drop as
				select o.payment_id, t.receipt, cast('RECEIPT' as text) as rule
				  from r_ours o join r_theirs t on t.receipt = o.receipt
				""").update();
		sql("create temp table r_ambiguous (payment_id uuid, receipt text, rule text) on commit drop").update();
		sql("""
				create temp table r_left_theirs on commit drop as
				select * from r_theirs t where not exists (select 1 from r_pairs p where p.receipt = t.receipt)
				""").update();
		sql("""
				create temp table r_left_ours on commit drop as
				select * from r_ours o where o.receipt is null
				""").update();
		pairUp("REFERENCE", "o.reference = upper(right(btrim(t.account), 6)) and t.account is not null");
		pairUp("AMOUNT_PHONE_TIME", """
				o.amount = t.amount and t.phone is not null and o.phone like replace(t.phone, '*', '_')
				and t.completed_at >= o.created_at - interval '1 minute'
				and t.completed_at <= o.created_at + make_interval(secs => %d)
				""".formatted(this.settings.matchWindow().toSeconds()));
	}

	/**
	 * Pairs what is left where exactly one candidate fits on each side; where more fit,
	 * all of them wait for verification.
	 */
	private void pairUp(String rule, String condition) {
		sql("""
				with candidates as (
				  select o.payment_id, t.receipt from r_left_theirs t join r_left_ours o on %s
				), counted as (
				  select payment_id, receipt, count(*) over (partition by payment_id) as for_payment,
				         count(*) over (partition by receipt) as for_receipt
				    from candidates
				), paired as (
				  insert into r_pairs select payment_id, receipt, '%s' from counted where for_payment = 1 and for_receipt = 1
				  returning payment_id, receipt
				), doubtful as (
				  insert into r_ambiguous select payment_id, receipt, '%s' from counted where for_payment > 1 or for_receipt > 1
				  returning payment_id, receipt
				), gone_theirs as (
				  delete from r_left_theirs t using (select receipt from paired union select receipt from doubtful) g
				   where t.receipt = g.receipt
				)
				delete from r_left_ours o using (select payment_id from paired union select payment_id from doubtful) g
				 where o.payment_id = g.payment_id
				"""
			.formatted(condition, rule, rule)).update();
	}

	/**
	 * The run's counts and its tie-out: M-Pesa's paid-in total over the range, and what
	 * its items carry of it (they must be equal), and the hours no source covers.
	 */
	private void totals(UUID run, Timestamp from, Timestamp to) {
		sql("""
				update reconciliation.runs r set
				  matched = s.matched, unmatched = s.unmatched, discrepancy = s.discrepancy, pending = s.pending,
				  items_paid_in = s.items_paid_in, amount_matched = s.amount_matched,
				  paid_in_total = (select coalesce(sum(total), 0) from r_theirs where in_range),
				  uncovered_hours = u.hours,
				  status = case when u.hours > 0 then 'INCOMPLETE' else 'COMPLETE' end,
				  finished_at = :now
				  from (select count(*) filter (where status = 'MATCHED') as matched,
				               count(*) filter (where status = 'UNMATCHED') as unmatched,
				               count(*) filter (where status = 'DISCREPANCY') as discrepancy,
				               count(*) filter (where status = 'PENDING_VERIFICATION') as pending,
				               coalesce(sum(record_total) filter (where in_range and record_receipt is not null), 0)
				                 as items_paid_in,
				               coalesce(sum(record_total) filter (where status = 'MATCHED' and in_range), 0) as amount_matched
				          from reconciliation.items where run_id = :run) s,
				       (select count(*) as hours from generate_series(cast(:from as timestamptz),
				               cast(:to as timestamptz) - interval '1 hour', interval '1 hour') h
				         where not exists (select 1 from reconciliation.coverage c
				                            where c.covered_from <= h and c.covered_to >= h + interval '1 hour')) u
				 where r.id = :run
				""")
			.param("run", run)
			.param("from", from)
			.param("to", to)
			.param("now", ts(this.clock.instant()))
			.update();
	}

	private JdbcClient.StatementSpec sql(String sql) {
		return this.jdbc.sql(sql);
	}

}
