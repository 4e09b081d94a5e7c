package ke.malipo.finance.internal;

import java.util.List;

import ke.malipo.common.csv.CsvDocument;
import ke.malipo.daraja.StaffWords;

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

	public static final String MEDIA_TYPE = CsvDocument.MEDIA_TYPE;

	private final CsvDocument csv;

	/** Starts the file with its header row. */
	public TransactionCsv(Appendable out) {
		this.csv = new CsvDocument(out, HEADER);
	}

	public void write(Transaction transaction) {
		this.csv.record(CsvDocument.when(transaction.createdAt()), transaction.id().value(),
				transaction.sessionId().value(), transaction.amount().shillings(), defused(transaction.clientName()),
				defused(transaction.psychologistName()), orEmpty(transaction.receipt()), transaction.phoneMasked(),
				transaction.state().name(), defused(orEmpty(StaffWords.of(transaction.outcome()))));
	}

	@Override
	public void close() {
		this.csv.close();
	}

	private static String orEmpty(@Nullable String text) {
		return (text != null) ? text : "";
	}

}
