package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import ke.malipo.common.time.Eat;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.PullReading;
import ke.malipo.daraja.PulledTransaction;
import ke.malipo.payments.PaymentSettlements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Pull Transactions as a source of M-Pesa's records: before a run, every hour of its
 * range that Pull can reach (the last 48 hours), that has settled, and that no source
 * covers yet is read hour by hour. A complete reading stores its records and covers its
 * hour; a reading that failed stores what it found, covers nothing and is named in the
 * run, so the run is INCOMPLETE for those hours instead of calling them empty. After the
 * first failure the later hours are not asked (Daraja is down or refusing: asking again
 * at once only adds load), and the next run asks again.
 */
@Component
class PullSource {

	private static final Logger log = LoggerFactory.getLogger(PullSource.class);

	static final String SOURCE = "PULL";

	private static final Duration HOUR = Duration.ofHours(1);

	private static final DateTimeFormatter HOUR_SHOWN = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(Eat.ZONE);

	private final Daraja daraja;

	private final MpesaRecordStore store;

	private final JdbcClient jdbc;

	private final ReconciliationSettings settings;

	private final Clock clock;

	private final AtomicBoolean registered = new AtomicBoolean();

	private final LiveChecks checks;

	private final TransactionTemplate transactions;

	PullSource(Daraja daraja, MpesaRecordStore store, JdbcClient jdbc, ReconciliationSettings settings, Clock clock,
			LiveChecks checks, TransactionTemplate transactions) {
		this.checks = checks;
		this.transactions = transactions;
		this.daraja = daraja;
		this.store = store;
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Reads the hours of {@code [start, end)} that need it.
	 * @return what went wrong, in words for the run (empty when nothing did)
	 */
	List<String> refresh(Instant start, Instant end) {
		if (!this.settings.pull()) {
			return List.of();
		}
		List<Instant> hours = hoursToRead(start, end);
		if (hours.isEmpty()) {
			return List.of();
		}
		if (!ensureRegistered()) {
			return List.of("Pull Transactions: the shortcode could not be registered, so " + hours.size()
					+ " hours were not read; upload a statement or run again later");
		}
		for (int i = 0; i < hours.size(); i++) {
			Instant hour = hours.get(i);
			PullReading reading = this.daraja.pullTransactions(hour, hour.plus(HOUR));
			// Stored and checked in one short transaction: the findings' events are
			// published with it (an event published outside a transaction would never
			// reach its listeners).
			this.transactions.executeWithoutResult((status) -> {
				this.store.store(records(reading.transactions(), hour), null, this.clock.instant());
				this.checks.check(reading.transactions().stream().map(PulledTransaction::transactionId).toList());
			});
			if (!reading.complete()) {
				int left = hours.size() - i - 1;
				String problem = "Pull Transactions for " + HOUR_SHOWN.format(hour) + ": " + reading.failure()
						+ ((left > 0) ? "; " + left + " later hours not asked" : "");
				log.warn("{}", problem);
				return List.of(problem);
			}
			this.store.cover(SOURCE, hour, hour.plus(HOUR));
		}
		return List.of();
	}

	/**
	 * Whole hours of the range that Pull still reaches, that ended long enough ago for
	 * M-Pesa's records of them to be complete, and that no source covers yet.
	 */
	private List<Instant> hoursToRead(Instant start, Instant end) {
		Instant now = this.clock.instant();
		Instant earliest = now.minus(this.settings.pullReach());
		Instant settled = now.minus(this.settings.pullSettledAfter());
		Instant from = start.isBefore(earliest)
				? earliest.atZone(Eat.ZONE).truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusHours(1).toInstant()
				: start;
		Instant to = end.isAfter(settled) ? settled : end;
		if (!to.isAfter(from)) {
			return List.of();
		}
		Set<Instant> covered = new HashSet<>(this.jdbc.sql("""
				select h from generate_series(cast(:from as timestamptz), cast(:to as timestamptz) - interval '1 hour',
				       interval '1 hour') h
				 where exists (select 1 from reconciliation.coverage c where c.covered_from <= h
				                and c.covered_to >= h + interval '1 hour')
				""").param("from", ts(from)).param("to", ts(to)).query((rs, row) -> requiredInstant(rs, "h")).list());
		List<Instant> hours = new ArrayList<>();
		for (Instant hour = from; !hour.plus(HOUR).isAfter(to); hour = hour.plus(HOUR)) {
			if (!covered.contains(hour)) {
				hours.add(hour);
			}
		}
		return hours;
	}

	/**
	 * Pull's rows as records. Identical rows within one reading are numbered, so a row
	 * read again in a later reading (hours overlap at their edges) adds nothing.
	 */
	private static List<MpesaRecordStore.NewRecord> records(List<PulledTransaction> rows, Instant hour) {
		Map<String, Integer> seen = new HashMap<>();
		List<MpesaRecordStore.NewRecord> records = new ArrayList<>();
		for (PulledTransaction row : rows) {
			Instant at = Objects.requireNonNullElse(row.date(), hour);
			String fingerprint = MpesaRecordStore.sha256(String.join("\u001f", row.transactionId(), at.toString(),
					String.valueOf(row.amount()), String.valueOf(row.msisdn()), String.valueOf(row.billReference()),
					String.valueOf(row.transactionType())));
			int occurrence = seen.merge(fingerprint, 1, Integer::sum);
			records.add(new MpesaRecordStore.NewRecord(SOURCE, fingerprint, occurrence, row.transactionId(), at,
					"Completed", row.amount(), null, RecordPhone.of(row.msisdn()), row.billReference(),
					row.transactionType(), null));
		}
		return records;
	}

	private boolean ensureRegistered() {
		if (!this.registered.get()
				&& this.daraja.registerPull(this.daraja.callbackUrl(PaymentSettlements.PULL_NOTICE_PATH))) {
			this.registered.set(true);
		}
		return this.registered.get();
	}

}
