package ke.malipo.reconciliation.web;

import java.io.Writer;
import java.util.List;

import ke.malipo.common.csv.CsvDocument;
import ke.malipo.reconciliation.internal.Runs;
import org.jspecify.annotations.Nullable;

import static ke.malipo.common.csv.SpreadsheetSafe.defused;

/**
 * A run's items as CSV (Property 59): RFC 4180, a header, one record per item with both
 * sides and the explanation; times East Africa Time with their offset, amounts whole
 * shillings, phones masked, text defused for spreadsheets.
 */
final class ReconciliationReport implements AutoCloseable {

	static final List<String> HEADER = List.of("run_id", "range_from", "range_to", "item_id", "status", "problem",
			"rule", "payment_id", "session_id", "our_amount_kes", "our_phone", "our_state", "our_receipt", "our_at",
			"mpesa_receipt", "mpesa_amount_kes", "mpesa_phone", "mpesa_account", "mpesa_at", "mpesa_sources",
			"explanation", "resolution");

	static final String MEDIA_TYPE = CsvDocument.MEDIA_TYPE;

	private final CsvDocument csv;

	ReconciliationReport(Writer out) {
		this.csv = new CsvDocument(out, HEADER);
	}

	void write(Runs.Run run, Runs.Item item) {
		Runs.Ours ours = item.ours();
		Runs.Theirs theirs = item.theirs();
		this.csv.record(run.id(), run.from(), run.to(), item.id(), item.status(), text(item.problem()), item.rule(),
				(ours != null) ? ours.paymentId() : "", (ours != null) ? ours.sessionId() : "",
				(ours != null) ? ours.amount() : "",
				(ours != null) ? text(ReconciliationViews.masked(ours.phone())) : "",
				(ours != null) ? ours.state() : "", (ours != null) ? text(ours.receipt()) : "",
				(ours != null) ? CsvDocument.when(ours.at()) : "", (theirs != null) ? theirs.receipt() : "",
				(theirs != null) ? theirs.amount() : "",
				(theirs != null) ? text(ReconciliationViews.masked(theirs.phone())) : "",
				(theirs != null) ? defused(text(theirs.account())) : "",
				(theirs != null) ? CsvDocument.when(theirs.at()) : "", (theirs != null) ? theirs.sources() : "",
				defused(item.explanation()), text(item.resolution()));
	}

	@Override
	public void close() {
		this.csv.close();
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
