package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import ke.malipo.reconciliation.MismatchFound;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Checks between runs, as they happen: when a payment settles with a receipt, and when
 * M-Pesa's records of receipts arrive from its live sources (Pull, Transaction Status; a
 * statement is compared by the run an admin starts after importing it), each paid payment
 * with such a receipt is compared with M-Pesa's record of it: the same amount to the
 * shilling, the prompted phone, and our reference in the account. A difference is
 * recorded once per payment and kind, and announced ({@link MismatchFound}) in the
 * caller's transaction, so admins hear of it at once. Receipt uniqueness among our
 * payments needs no check here: payments' database refuses a receipt twice.
 */
@Component
class LiveChecks {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LiveChecks(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Checks the payments holding these receipts against M-Pesa's records of them, in the
	 * caller's transaction (which must exist: the findings' events go out with it).
	 */
	@org.springframework.transaction.annotation.Transactional(
			propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	int check(Collection<String> receipts) {
		if (receipts.isEmpty()) {
			return 0;
		}
		Instant now = this.clock.instant();
		List<MismatchFound> found = this.jdbc
			.sql("""
					insert into reconciliation.live_findings (id, payment_id, session_id, problem, receipt, detail, found_at)
					select distinct on (p.payment_id, x.problem) gen_random_uuid(), p.payment_id, p.session_id, x.problem,
					       p.receipt, x.detail, :now
					  from reconciliation.payments p
					  join reconciliation.records r on r.receipt = p.receipt
					   and lower(r.status) = 'completed' and coalesce(r.paid_in, 0) > 0
					   and not exists (select 1 from reconciliation.statements s where s.id = r.statement_id
					                    and s.state = 'STAGED')
					  cross join lateral (values
					    (case when r.paid_in <> p.amount then 'AMOUNT_MISMATCH' end,
					     'M-Pesa''s ' || lower(replace(r.source, '_', ' ')) || ' shows KES ' || r.paid_in
					       || ' for receipt ' || p.receipt || '; the payment is for KES ' || p.amount || '.'),
					    (case when r.phone is not null and p.phone not like replace(r.phone, '*', '_') then 'PHONE_MISMATCH' end,
					     'M-Pesa''s ' || lower(replace(r.source, '_', ' ')) || ' shows receipt ' || p.receipt
					       || ' paid from another phone than the one prompted.'),
					    (case when r.account is not null and length(btrim(r.account)) >= 6
					               and upper(right(btrim(r.account), 6)) <> p.reference then 'RECEIPT_OF_ANOTHER_PAYMENT' end,
					     'M-Pesa''s ' || lower(replace(r.source, '_', ' ')) || ' shows receipt ' || p.receipt
					       || ' paid to account ' || btrim(r.account) || ', not to this payment''s reference '
					       || p.reference || '.')
					  ) x(problem, detail)
					 where p.receipt = any(:receipts) and p.state = 'PAID' and x.problem is not null
					 order by p.payment_id, x.problem, r.source
					on conflict (payment_id, problem) do nothing
					returning id, payment_id, session_id, problem, receipt, detail, found_at
					""")
			.param("receipts", receipts.toArray(String[]::new))
			.param("now", ts(now))
			.query((rs, row) -> new MismatchFound(rs.getObject("id", UUID.class),
					rs.getObject("payment_id", UUID.class), rs.getObject("session_id", UUID.class),
					rs.getString("problem"), rs.getString("receipt"), rs.getString("detail"),
					requiredInstant(rs, "found_at")))
			.list();
		found.forEach(this.events::publishEvent);
		return found.size();
	}

}
