package ke.malipo.finance.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ke.malipo.common.time.Eat;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

import static ke.malipo.common.csv.SpreadsheetSafe.defused;

/**
 * Transactions as CSV for the finance desk (Property 40): RFC 4180 (comma separated, CRLF
 * line ends, quotes where needed, doubled inside), a header row, then one record per
 * transaction. Times are East Africa Time with their offset; amounts whole shillings;
 * phones masked. Text that people typed is defused so a spreadsheet never runs it as a
 * formula.
 */
public final class TransactionCsv implements AutoCloseable {

	public static final List<String> HEADER = List.of("date", "payment_id", "session_id", "amount_kes", "client",
			"psychologist", "mpesa_receipt", "phone", "status", "outcome");

	public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private final CSVPrinter printer;

	/** Starts the file with its header row. */
	public TransactionCsv(Appendable out) {
		try {
			this.printer = new CSVPrinter(out, FORMAT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void write(Transaction transaction) {
		try {
			this.printer.printRecord(
					WHEN.format(transaction.createdAt().truncatedTo(ChronoUnit.SECONDS).atZone(Eat.ZONE)),
					transaction.id().value(), transaction.sessionId().value(), transaction.amount().shillings(),
					defused(transaction.clientName()), defused(transaction.psychologistName()),
					orEmpty(transaction.receipt()), transaction.phoneMasked(), transaction.state().name(),
					defused(orEmpty(transaction.outcome())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.printer.close(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String orEmpty(@Nullable String text) {
		return (text != null) ? text : "";
	}

}
