package ke.malipo.finance.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ke.malipo.common.database.JdbcTimes;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The paid sessions of a period as the books see them: one entry per payment whose money
 * arrived in the period (East Africa Time days), its amount split into the platform's fee
 * and what the psychologist is owed. The same figures feed the journal files and the
 * payout statements, so the two always agree.
 */
@Component
public class Journal {

	/** One period is at most a year: the books close yearly, and the file stays small. */
	public static final int MAX_DAYS = 366;

	private final JdbcClient jdbc;

	private final UserDirectory directory;

	private final FinanceSettings.Accounting accounting;

	Journal(JdbcClient jdbc, UserDirectory directory, FinanceSettings settings) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.accounting = settings.accounting();
	}

	/** A paid session, split. */
	public record Entry(UUID paymentId, UUID sessionId, Instant paidAt, String receipt, UUID psychologistId,
			String psychologist, long amount, long fee, long payable) {

		/**
		 * The journal's number: the M-Pesa receipt, unique per payment and known to both
		 * sides.
		 */
		public String number() {
			return this.receipt;
		}

		public LocalDate date() {
			return this.paidAt.atZone(Eat.ZONE).toLocalDate();
		}

	}

	/** What one psychologist is owed for a period. */
	public record Payout(UUID psychologistId, String psychologist, int sessions, long amount, long fee, long payable) {
	}

	public FinanceSettings.Accounting accounting() {
		return this.accounting;
	}

	/** The period's entries, oldest first. */
	public List<Entry> entries(LocalDate from, LocalDate to) {
		return entries(from, to, null);
	}

	/** The period's entries of one psychologist (everyone's when null), oldest first. */
	public List<Entry> entries(LocalDate from, LocalDate to, @Nullable UserId psychologist) {
		List<Row> rows = this.jdbc.sql("""
				select payment_id, session_id, paid_at, coalesce(receipt, reference) as receipt, psychologist_id, amount
				  from finance.transactions
				 where state = 'PAID' and paid_at >= :from and paid_at < :until
				   and (cast(:psychologist as uuid) is null or psychologist_id = :psychologist)
				 order by paid_at, payment_id
				""")
			.param("from", JdbcTimes.ts(from.atStartOfDay(Eat.ZONE).toInstant()))
			.param("until", JdbcTimes.ts(to.plusDays(1).atStartOfDay(Eat.ZONE).toInstant()))
			.param("psychologist", (psychologist != null) ? psychologist.value() : null)
			.query((rs, n) -> new Row(rs.getObject("payment_id", UUID.class), rs.getObject("session_id", UUID.class),
					JdbcTimes.requiredInstant(rs, "paid_at"), rs.getString("receipt"),
					rs.getObject("psychologist_id", UUID.class), rs.getLong("amount")))
			.list();
		Map<UserId, String> names = this.directory
			.displayNames(rows.stream().map((row) -> new UserId(row.psychologist())).collect(Collectors.toSet()));
		return rows.stream().map((row) -> {
			long fee = this.accounting.feeOn(row.amount());
			return new Entry(row.payment(), row.session(), row.paidAt(), row.receipt(), row.psychologist(),
					names.getOrDefault(new UserId(row.psychologist()), "Psychologist " + row.psychologist()),
					row.amount(), fee, row.amount() - fee);
		}).toList();
	}

	/** What each psychologist is owed for the period, by name. */
	public static List<Payout> payouts(List<Entry> entries) {
		return entries.stream()
			.collect(Collectors.groupingBy(Entry::psychologistId, java.util.LinkedHashMap::new, Collectors.toList()))
			.values()
			.stream()
			.map((theirs) -> new Payout(theirs.get(0).psychologistId(), theirs.get(0).psychologist(), theirs.size(),
					theirs.stream().mapToLong(Entry::amount).sum(), theirs.stream().mapToLong(Entry::fee).sum(),
					theirs.stream().mapToLong(Entry::payable).sum()))
			.sorted(java.util.Comparator.comparing(Payout::psychologist))
			.toList();
	}

	private record Row(UUID payment, UUID session, Instant paidAt, String receipt, UUID psychologist, long amount) {
	}

}
