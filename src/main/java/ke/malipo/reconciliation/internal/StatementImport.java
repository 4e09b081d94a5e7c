package ke.malipo.reconciliation.internal;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import ke.malipo.daraja.InvalidDarajaPayloadException;
import ke.malipo.daraja.OrgPortalStatements;
import ke.malipo.daraja.StatementLine;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports an M-Pesa org-portal statement as a whole or not at all. The file is read as
 * strict UTF-8 (a byte-order mark is allowed), must carry the organisation layout's 13
 * columns, and may hold no formulas (a cell a spreadsheet would run); every row must be
 * readable. Rows are stored as M-Pesa records known by content and occurrence, so the
 * same or an overlapping statement adds nothing, and the hours of the statement's period
 * count as covered.
 */
@Service
public class StatementImport {

	/** The organisation statement's columns, in order (daraja-reference.md §6.8). */
	static final List<String> COLUMNS = List.of("Receipt No.", "Completion Time", "Initiation Time", "Details",
			"Transaction Status", "Paid In", "Withdrawn", "Balance", "Balance Confirmed", "Reason Type",
			"Other Party Info", "Linked Transaction ID", "A/C No.");

	private final MpesaRecordStore records;

	private final ReconciliationSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	StatementImport(MpesaRecordStore records, ReconciliationSettings settings, TransactionTemplate transactions,
			Clock clock, JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.records = records;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** What an import added (or, staged, would add). */
	public record Imported(UUID id, int rows, int added, long paidIn, Instant from, Instant to) {
	}

	/**
	 * Reads, checks and stores a statement as it streams in, in one transaction: any
	 * problem rolls everything back.
	 * @throws InvalidStatementException naming the line at fault; nothing is stored then
	 */
	public Imported importStatement(String fileName, InputStream content, @Nullable UserId by) {
		return read(fileName, content, by, false);
	}

	/**
	 * Reads and checks a statement like {@link #importStatement} but keeps it STAGED: its
	 * rows count for nothing until {@link #importStaged} (after a person saw the
	 * preview), and {@link #discardStaged} deletes it.
	 */
	public Imported stageStatement(String fileName, InputStream content, @Nullable UserId by) {
		return read(fileName, content, by, true);
	}

	/** Imports a staged statement; false when there is none with that id (any more). */
	public boolean importStaged(UUID id) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> this.records.importStaged(id)));
	}

	/** Deletes a staged statement and its rows. */
	public void discardStaged(UUID id) {
		this.transactions.executeWithoutResult((status) -> this.records.discardStaged(id, this.clock.instant()));
	}

	/** Deletes previews nobody imported or discarded within a day. */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
	int discardStalePreviews() {
		return Objects.requireNonNull(this.transactions.execute((status) -> this.records.discardStaged(null,
				this.clock.instant().minus(java.time.Duration.ofDays(1)))));
	}

	private Imported read(String fileName, InputStream content, @Nullable UserId by, boolean staged) {
		String name = fileName.isBlank() ? "statement.csv" : fileName.strip();
		String shortName = name.substring(0, Math.min(200, name.length()));
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			this.records.beginStatement(id, shortName, by, now);
			StrictUtf8Reader reader = new StrictUtf8Reader(content, this.settings.maxStatementSize().toBytes());
			if (staged) {
				// One preview at a time: a new upload replaces one nobody imported.
				this.records.discardStaged(null, null);
			}
			Collected collected = new Collected(new StatementRows(this.jdbc, this.dataSource, id, now, !staged));
			try {
				OrgPortalStatements.read(reader, collected);
			}
			catch (InvalidDarajaPayloadException ex) {
				throw new InvalidStatementException(collected.failedLine, String.valueOf(ex.getMessage()));
			}
			catch (java.io.UncheckedIOException ex) {
				throw new InvalidStatementException(null, "The file could not be read.");
			}
			if (reader.size() == 0) {
				throw new InvalidStatementException(null, "The file is empty.");
			}
			int added = collected.flush();
			OrgPortalStatements.Period period = collected.period();
			this.records.finishStatement(id, reader.sha256(), collected.rows, added, collected.paidIn, period, staged);
			return new Imported(id, collected.rows, added, collected.paidIn, period.from(), period.to());
		}));
	}

	/** The rows of the statement as they are read, checked line by line. */
	private static final class Collected implements OrgPortalStatements.Reading {

		private final StatementRows stored;

		/**
		 * Occurrences of each fingerprint seen, by its first 64 bits: identical rows of
		 * one file are numbered, so they all stay. Some 60 bytes a row; a collision of
		 * two different rows (about one in 10^7 files of a million rows) only numbers one
		 * of them 2, which the next upload of the same file numbers alike.
		 */
		private final Map<Long, Integer> occurrences = new HashMap<>();

		private int rows;

		private long paidIn;

		private @Nullable Instant first;

		private @Nullable Instant last;

		Collected(StatementRows stored) {
			this.stored = stored;
		}

		/** Stores the rows read; how many were new. */
		int flush() {
			return this.stored.finish();
		}

		private OrgPortalStatements.@Nullable Period stated;

		private boolean headed;

		private @Nullable Long failedLine;

		@Override
		public void preamble(long line, List<String> cells) {
			noFormulas(line, cells);
			OrgPortalStatements.period(cells).ifPresent((period) -> this.stated = period);
		}

		@Override
		public void header(long line, List<String> columns) {
			List<String> names = columns.stream().map(String::strip).toList();
			if (names.size() == 7) {
				throw new InvalidStatementException(line, "This is a personal M-Pesa statement (7 columns). "
						+ "Export the organisation statement from the M-Pesa org portal (13 columns).");
			}
			if (!lower(names).equals(lower(COLUMNS))) {
				throw new InvalidStatementException(line,
						"The columns are not those of an M-Pesa organisation statement: expected "
								+ String.join(", ", COLUMNS) + ".");
			}
			this.headed = true;
		}

		@Override
		public void row(long line, List<String> cells, java.util.function.Supplier<StatementLine> parsed) {
			if (cells.stream().allMatch(String::isBlank)) {
				return;
			}
			noFormulas(line, cells);
			if (cells.get(0).strip().equalsIgnoreCase(COLUMNS.get(0))) {
				throw new InvalidStatementException(line,
						"The header appears a second time; upload one statement per file.");
			}
			if (cells.size() != COLUMNS.size()) {
				throw new InvalidStatementException(line,
						"This row has " + cells.size() + " columns; the statement has " + COLUMNS.size() + ".");
			}
			if (cells.get(0).isBlank()) {
				// A totals line: M-Pesa's own sums, not a transaction.
				return;
			}
			this.failedLine = line;
			StatementLine statement = parsed.get();
			this.failedLine = null;
			if (statement.completedAt() == null) {
				throw new InvalidStatementException(line, "The row has no completion time.");
			}
			String fingerprint = MpesaRecordStore.fingerprint(statement);
			int occurrence = this.occurrences.merge(Long.parseUnsignedLong(fingerprint.substring(0, 16), 16), 1,
					Integer::sum);
			this.stored.add(MpesaRecordStore.NewRecord.of(statement, fingerprint, occurrence, line));
			this.rows++;
			if (statement.paidIn() != null && "completed".equalsIgnoreCase(statement.status())) {
				this.paidIn += statement.paidIn();
			}
			Instant at = statement.completedAt();
			this.first = (this.first == null || at.isBefore(this.first)) ? at : this.first;
			this.last = (this.last == null || at.isAfter(this.last)) ? at : this.last;
		}

		OrgPortalStatements.Period period() {
			if (!this.headed) {
				throw new InvalidStatementException(null, "No header row with 'Receipt No.' was found.");
			}
			if (this.stated != null) {
				return this.stated;
			}
			Instant from = this.first;
			Instant to = this.last;
			if (from == null || to == null) {
				throw new InvalidStatementException(null,
						"The statement has no rows and states no period, so it proves nothing.");
			}
			return new OrgPortalStatements.Period(from, to.plusSeconds(1));
		}

		/**
		 * A cell a spreadsheet would run as a formula (CSV injection) is refused: such a
		 * file was not exported by M-Pesa as it is. A negative amount is not a formula.
		 */
		private static void noFormulas(long line, List<String> cells) {
			for (String cell : cells) {
				if (cell.isEmpty()) {
					continue;
				}
				char first = cell.charAt(0);
				boolean formula = first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r'
						|| (first == '-' && (cell.length() == 1 || !Character.isDigit(cell.charAt(1))));
				if (formula) {
					throw new InvalidStatementException(line,
							"A cell starts with '" + (Character.isISOControl(first) ? "a control character" : first)
									+ "' like a spreadsheet formula; M-Pesa's exports never do.");
				}
			}
		}

		private static List<String> lower(List<String> names) {
			return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList();
		}

	}

}
