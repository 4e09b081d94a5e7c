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
 * Not used by the application yet: reconciliation (issue 12) reads uploaded statements
 * with it, and attaches there the receipts of payments proven by a query whose receipt
 * the Pull records never showed.
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
	 * Streams the rows of a statement to a consumer.
	 * @throws InvalidDarajaPayloadException when there is no header row or a row is
	 * unreadable, naming the line
	 */
	public static void stream(Reader reader, Consumer<StatementLine> rows) {
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.get()
			.parse(reader)) {
			Map<String, Integer> header = null;
			for (CSVRecord record : parser) {
				if (header == null) {
					header = headerOf(record);
					continue;
				}
				if (record.size() < header.size() || record.get(RECEIPT_COLUMN).isBlank()) {
					continue;
				}
				rows.accept(line(record, header));
			}
			if (header == null) {
				throw new InvalidDarajaPayloadException("No header row with 'Receipt No.' was found");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

	private static StatementLine line(CSVRecord record, Map<String, Integer> header) {
		try {
			Long withdrawn = DarajaJson.wholeShillings(blankToNull(cell(record, header, "Withdrawn")));
			return new StatementLine(MpesaReceipt.parse(cell(record, header, "Receipt No.")),
					time(cell(record, header, "Completion Time")), time(cell(record, header, "Initiation Time")),
					cell(record, header, "Details"), cell(record, header, "Transaction Status"),
					DarajaJson.wholeShillings(blankToNull(cell(record, header, "Paid In"))),
					(withdrawn != null) ? Math.abs(withdrawn) : null, blankToNull(cell(record, header, "Reason Type")),
					blankToNull(cell(record, header, "Other Party Info")),
					blankToNull(cell(record, header, "Linked Transaction ID")),
					blankToNull(cell(record, header, "A/C No.")));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDarajaPayloadException(
					"Statement line " + record.getRecordNumber() + " is unreadable: " + ex.getMessage(), ex);
		}
	}

	private static String cell(CSVRecord record, Map<String, Integer> header, String column) {
		Integer index = header.get(column);
		return (index != null && index < record.size()) ? record.get(index) : "";
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
