package ke.malipo.reconciliation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import ke.malipo.daraja.InvalidDarajaPayloadException;
import ke.malipo.daraja.OrgPortalStatements;
import ke.malipo.daraja.StatementLine;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

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

	StatementImport(MpesaRecordStore records, ReconciliationSettings settings, TransactionTemplate transactions,
			Clock clock) {
		this.records = records;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** What an import added. */
	public record Imported(UUID id, int rows, int added, Instant from, Instant to) {
	}

	/**
	 * Reads, checks and stores a statement.
	 * @throws InvalidStatementException naming the line at fault; nothing is stored then
	 */
	public Imported importStatement(String fileName, InputStream content, @Nullable UserId by) {
		String text = decode(bytes(content));
		Collected collected = new Collected();
		try {
			OrgPortalStatements.read(new StringReader(text), collected);
		}
		catch (InvalidDarajaPayloadException ex) {
			throw new InvalidStatementException(collected.failedLine, String.valueOf(ex.getMessage()));
		}
		OrgPortalStatements.Period period = collected.period();
		String name = fileName.isBlank() ? "statement.csv" : fileName.strip();
		String digest = MpesaRecordStore.sha256(text);
		UUID id = UUID.randomUUID();
		int added = java.util.Objects.requireNonNull(this.transactions
			.execute((status) -> this.records.storeStatement(id, name.substring(0, Math.min(200, name.length())),
					digest, collected.rows, period, by, this.clock.instant())));
		return new Imported(id, collected.rows.size(), added, period.from(), period.to());
	}

	private byte[] bytes(InputStream content) {
		long limit = this.settings.maxStatementSize().toBytes();
		try {
			byte[] read = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
			if (read.length > limit) {
				throw new InvalidStatementException(null, "The file is larger than "
						+ this.settings.maxStatementSize().toMegabytes() + " MB; export a shorter period.");
			}
			if (read.length == 0) {
				throw new InvalidStatementException(null, "The file is empty.");
			}
			return read;
		}
		catch (IOException ex) {
			throw new InvalidStatementException(null, "The file could not be read.");
		}
	}

	/** Strict UTF-8, so a file in another encoding is refused rather than misread. */
	static String decode(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length + 1);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			long line = 1;
			for (int i = 0; i < in.position(); i++) {
				if (bytes[i] == '\n') {
					line++;
				}
			}
			throw new InvalidStatementException(line,
					"The file is not UTF-8 text. Export the statement as CSV again (UTF-8), without re-saving it.");
		}
		decoder.flush(out);
		out.flip();
		String text = out.toString();
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	/** The rows of the statement as they are read, checked line by line. */
	private static final class Collected implements OrgPortalStatements.Reading {

		private final List<MpesaRecordStore.NewRecord> rows = new ArrayList<>();

		private final Map<String, Integer> occurrences = new HashMap<>();

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
			int occurrence = this.occurrences.merge(fingerprint, 1, Integer::sum);
			this.rows.add(MpesaRecordStore.NewRecord.of(statement, fingerprint, occurrence, line));
		}

		OrgPortalStatements.Period period() {
			if (!this.headed) {
				throw new InvalidStatementException(null, "No header row with 'Receipt No.' was found.");
			}
			if (this.stated != null) {
				return this.stated;
			}
			if (this.rows.isEmpty()) {
				throw new InvalidStatementException(null,
						"The statement has no rows and states no period, so it proves nothing.");
			}
			Instant first = this.rows.stream()
				.map(MpesaRecordStore.NewRecord::completedAt)
				.min(Instant::compareTo)
				.orElseThrow();
			Instant last = this.rows.stream()
				.map(MpesaRecordStore.NewRecord::completedAt)
				.max(Instant::compareTo)
				.orElseThrow();
			return new OrgPortalStatements.Period(first, last.plusSeconds(1));
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
