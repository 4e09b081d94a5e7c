package ke.malipo.daraja;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ke.malipo.common.time.Eat;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import ke.malipo.common.money.MpesaReceipt;

/**
 * Reads M-Pesa org-portal statement exports (daraja-reference.md §6.8): preamble lines
 * before the header, which is found by its {@code Receipt No.} column; the 13-column
 * organisation layout or the 7-column personal one; local Nairobi times in either date
 * order; amounts with quoted thousands separators; negative or positive withdrawals. Rows
 * are streamed, so a million-row statement needs no more memory than one row.
 * <p>
 * {@link #read} hands every line to a {@link Reading} (preamble, header, rows with a way
 * to parse them), for readers that check more than the layout, as reconciliation does
 * with uploads.
 */
public final class OrgPortalStatements {

	private static final List<DateTimeFormatter> TIME_FORMATS = List.of(
			DateTimeFormatter.ofPattern("dd-MM-uuuu HH:mm:ss"), DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"),
			DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss"));

	private OrgPortalStatements() {
	}

	/** Parses a whole statement held in memory (small uploads and tests). */
	public static List<StatementLine> parse(String csv) {
		List<StatementLine> lines = new ArrayList<>();
		stream(new StringReader(csv), lines::add);
		return lines;
	}

	/**
	 * Streams the rows of a statement to a consumer, skipping rows without a receipt
	 * (totals) and short ones.
	 * @throws InvalidDarajaPayloadException when there is no header row or a row is
	 * unreadable, naming the line
	 */
	public static void stream(Reader reader, Consumer<StatementLine> rows) {
		read(reader, new Reading() {

			private int columns;

			@Override
			public void header(long line, List<String> names) {
				this.columns = names.size();
			}

			@Override
			public void row(long line, List<String> cells, java.util.function.Supplier<StatementLine> parsed) {
				if (cells.size() >= this.columns && !cells.get(RECEIPT_COLUMN).isBlank()) {
					rows.accept(parsed.get());
				}
			}

		});
	}

	/**
	 * Hands each line of a statement to {@code reading}: the lines before the header, the
	 * header (the first line whose first cell is {@code Receipt No.}), then every row
	 * with its cells and a way to parse it. Line numbers are the file's, from 1.
	 * @throws InvalidDarajaPayloadException when there is no header row, or from a row's
	 * parsing when it is unreadable, naming its line
	 */
	public static void read(Reader reader, Reading reading) {
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.get()
			.parse(reader)) {
			Map<String, Integer> header = null;
			for (CSVRecord record : parser) {
				List<String> cells = record.toList();
				long line = parser.getCurrentLineNumber();
				if (header == null) {
					header = headerOf(record);
					if (header == null) {
						reading.preamble(line, cells);
					}
					else {
						reading.header(line, cells);
					}
					continue;
				}
				Map<String, Integer> columns = header;
				reading.row(line, cells, () -> line(record, columns, line));
			}
			if (header == null) {
				throw new InvalidDarajaPayloadException("No header row with 'Receipt No.' was found");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The period a statement's preamble states ({@code Time Period,From 01-12-2026
	 * 00:00:00 To 01-12-2026 23:59:59}), the end made exclusive; empty when these cells
	 * are not that line.
	 */
	public static java.util.Optional<Period> period(List<String> preamble) {
		if (preamble.size() < 2 || !preamble.get(0).strip().equalsIgnoreCase("Time Period")) {
			return java.util.Optional.empty();
		}
		java.util.regex.Matcher range = java.util.regex.Pattern.compile("(?i)From\\s+(.+?)\\s+To\\s+(.+)")
			.matcher(preamble.get(1).strip());
		if (!range.matches()) {
			return java.util.Optional.empty();
		}
		try {
			Instant from = time(range.group(1));
			Instant to = time(range.group(2));
			return (from != null && to != null && !to.isBefore(from))
					? java.util.Optional.of(new Period(from, to.plusSeconds(1))) : java.util.Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return java.util.Optional.empty();
		}
	}

	/** A statement's period: from its first moment, to the moment after its last. */
	public record Period(Instant from, Instant to) {
	}

	/** What a reader does with each line of a statement. */
	public interface Reading {

		/** A line before the header: the organisation, its shortcode, the period. */
		default void preamble(long line, List<String> cells) {
		}

		void header(long line, List<String> columns);

		/**
		 * A line after the header.
		 * @param parsed parses it, or throws {@link InvalidDarajaPayloadException} naming
		 * the line
		 */
		void row(long line, List<String> cells, java.util.function.Supplier<StatementLine> parsed);

	}

	/** The header row starts with the receipt's column; it is how the row is known. */
	private static final int RECEIPT_COLUMN = 0;

	private static @Nullable Map<String, Integer> headerOf(CSVRecord record) {
		if (!"Receipt No.".equalsIgnoreCase(record.get(RECEIPT_COLUMN).strip())) {
			return null;
		}
		Map<String, Integer> header = new java.util.LinkedHashMap<>();
		for (int i = 0; i < record.size(); i++) {
			header.put(record.get(i).strip(), i);
		}
		return header;
	}

	private static StatementLine line(CSVRecord record, Map<String, Integer> header, long lineNumber) {
		try {
			Long withdrawn = amount(cell(record, header, "Withdrawn"), "Withdrawn", true);
			return new StatementLine(MpesaReceipt.parse(cell(record, header, "Receipt No.")),
					time(cell(record, header, "Completion Time")), time(cell(record, header, "Initiation Time")),
					cell(record, header, "Details"), cell(record, header, "Transaction Status"),
					amount(cell(record, header, "Paid In"), "Paid In", false),
					(withdrawn != null) ? Math.abs(withdrawn) : null, blankToNull(cell(record, header, "Reason Type")),
					blankToNull(cell(record, header, "Other Party Info")),
					blankToNull(cell(record, header, "Linked Transaction ID")),
					blankToNull(cell(record, header, "A/C No.")));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDarajaPayloadException(
					"Statement line " + lineNumber + " is unreadable: " + ex.getMessage(), ex);
		}
	}

	private static String cell(CSVRecord record, Map<String, Integer> header, String column) {
		Integer index = header.get(column);
		return (index != null && index < record.size()) ? record.get(index) : "";
	}

	/**
	 * An amount cell: blank is none; anything else must be a number. Money in is whole
	 * shillings (M-Pesa's paybill takes no cents); charges out may carry cents and are
	 * rounded, as they are not reconciled.
	 */
	private static @Nullable Long amount(String text, String column, boolean centsAllowed) {
		if (text.isBlank()) {
			return null;
		}
		java.math.BigDecimal value;
		try {
			value = new java.math.BigDecimal(text.replace(",", "").strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("unreadable amount '" + text + "' in " + column);
		}
		if (value.stripTrailingZeros().scale() > 0 && !centsAllowed) {
			throw new IllegalArgumentException("amount '" + text + "' in " + column + " has cents");
		}
		return value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
	}

	private static @Nullable Instant time(String text) {
		if (text.isBlank()) {
			return null;
		}
		for (DateTimeFormatter format : TIME_FORMATS) {
			try {
				return LocalDateTime.parse(text.strip(), format).atZone(Eat.ZONE).toInstant();
			}
			catch (DateTimeParseException ex) {
				// try the next layout
			}
		}
		throw new IllegalArgumentException("unreadable time '" + text + "'");
	}

	private static @Nullable String blankToNull(String text) {
		return text.isBlank() ? null : text.strip();
	}

}
