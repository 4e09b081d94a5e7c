package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A run's items, written from the temporary tables {@link Comparison} leaves in the run's
 * transaction: each pair matched or named by its first problem, M-Pesa's money no payment
 * claims, and our payments no M-Pesa record shows (unpaid only where the records cover
 * their whole life).
 */
@Component
class ComparisonItems {

	private final JdbcClient jdbc;

	private final Clock clock;

	ComparisonItems(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Writes the run's items from the pairs and what is left on either side. */
	void write(UUID run) {
		String ids = itemIdPrefix();
		// Pairs: matched, or a discrepancy named by the first problem found.
		this.jdbc
			.sql("""
					insert into reconciliation.items (id, run_id, status, problem, rule, payment_id, session_id, our_amount,
					  our_phone, our_state, our_receipt, our_at, record_receipt, record_amount, record_phone, record_account,
					  record_at, record_sources, record_total, in_range)
					select cast(:ids || '1' || lpad(to_hex(row_number() over ()), 10, '0') as uuid), :run, case when c.problem is null then 'MATCHED' else 'DISCREPANCY' end,
					       c.problem, p.rule, o.payment_id, o.session_id, o.amount, o.phone, o.state, o.receipt, o.created_at,
					       t.receipt, t.amount, t.phone, t.account, t.completed_at, t.sources, t.total, t.in_range
					  from r_pairs p join r_ours o on o.payment_id = p.payment_id join r_theirs t on t.receipt = p.receipt
					  cross join lateral (select case
					    when t.duplicated then 'DUPLICATE_RECEIPT'
					    when t.amount <> o.amount then 'AMOUNT_MISMATCH'
					    when o.state <> 'PAID' then 'STATUS_MISMATCH'
					    when t.phone is not null and o.phone not like replace(t.phone, '*', '_') then 'PHONE_MISMATCH'
					    when o.receipt is null then 'MISSING_RECEIPT'
					  end as problem) c
					 where o.in_range or t.in_range
					""")
			.param("run", run)
			.param("ids", ids)
			.update();
		// M-Pesa's money that no payment claims.
		this.jdbc
			.sql("""
					insert into reconciliation.items (id, run_id, status, problem, rule, record_receipt, record_amount,
					  record_phone, record_account, record_at, record_sources, record_total, candidates, in_range)
					select cast(:ids || '2' || lpad(to_hex(row_number() over ()), 10, '0') as uuid), :run,
					       case when a.rule is not null then 'PENDING_VERIFICATION' when t.duplicated then 'DISCREPANCY'
					            else 'UNMATCHED' end,
					       case when a.rule is not null then null when t.duplicated then 'DUPLICATE_RECEIPT'
					            else 'MONEY_WITHOUT_PAYMENT' end,
					       coalesce('AMBIGUOUS_' || a.rule, 'NO_PAYMENT'), t.receipt, t.amount, t.phone, t.account,
					       t.completed_at, t.sources, t.total, a.candidates, t.in_range
					  from r_theirs t
					  left join (select x.receipt, min(x.rule) as rule, string_agg(o.reference, ', ' order by o.reference) as candidates
					               from r_ambiguous x join r_ours o on o.payment_id = x.payment_id group by x.receipt) a
					    on a.receipt = t.receipt
					 where t.in_range and not exists (select 1 from r_pairs p where p.receipt = t.receipt)
					""")
			.param("run", run)
			.param("ids", ids)
			.update();
		// Our payments that no M-Pesa record shows: failed ones agree; paid ones are
		// missing their money when M-Pesa's records cover their hours, and wait
		// otherwise; open ones wait for their outcome.
		this.jdbc
			.sql("""
					insert into reconciliation.items (id, run_id, status, problem, rule, payment_id, session_id, our_amount,
					  our_phone, our_state, our_receipt, our_at, candidates, in_range)
					select cast(:ids || '3' || lpad(to_hex(row_number() over ()), 10, '0') as uuid), :run,
					       case when a.rule is not null then 'PENDING_VERIFICATION'
					            when not v.covered then 'PENDING_VERIFICATION'
					            when o.state = 'PAID' then 'UNMATCHED'
					            when o.state = 'FAILED' then 'MATCHED'
					            else 'PENDING_VERIFICATION' end,
					       case when a.rule is null and v.covered and o.state = 'PAID' then 'PAYMENT_WITHOUT_MONEY' end,
					       case when a.rule is not null then 'AMBIGUOUS_' || a.rule
					            when not v.covered then 'NOT_COVERED'
					            when o.state = 'PAID' then 'NO_RECORD'
					            when o.state = 'FAILED' then 'NO_MONEY'
					            else 'OUTCOME_OPEN' end,
					       o.payment_id, o.session_id, o.amount, o.phone, o.state, o.receipt, o.created_at, a.candidates, true
					  from r_ours o
					  left join (select x.payment_id, min(x.rule) as rule, string_agg(x.receipt, ', ' order by x.receipt) as candidates
					               from r_ambiguous x group by x.payment_id) a on a.payment_id = o.payment_id
					  cross join lateral (select
					    exists (select 1 from reconciliation.coverage c where c.covered_from <= o.created_at
					             and c.covered_to > o.created_at)
					    and exists (select 1 from reconciliation.coverage c
					                 where c.covered_from <= coalesce(o.paid_at, o.updated_at)
					                   and c.covered_to >= coalesce(o.paid_at, o.updated_at)) as covered) v
					 where o.in_range and not exists (select 1 from r_pairs p where p.payment_id = o.payment_id)
					""")
			.param("run", run)
			.param("ids", ids)
			.update();
	}

	/**
	 * The first 21 hex digits of a run's item ids: the time in milliseconds, then 36
	 * random bits. Each of the three item statements adds its digit and a counter, so a
	 * run's ids are unique, ascending and written at the end of the primary key's index
	 * (a random id would touch a page anywhere in it for each of a million items).
	 */
	private String itemIdPrefix() {
		return String.format(java.util.Locale.ROOT, "%012x%09x", this.clock.millis(),
				java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 36));
	}

}
