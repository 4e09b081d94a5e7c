package ke.malipo.finance.internal;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import ke.malipo.common.csv.CsvDocument;
import ke.malipo.common.csv.SpreadsheetSafe;

/**
 * A period's paid sessions as files the books take (C13): a double-entry journal in the
 * layouts QuickBooks Online and Xero import, and payout statements. Each payment is one
 * balanced journal: the M-Pesa till is debited the amount, the platform's fee account and
 * the psychologists' payable account are credited the fee and the rest. Dates are written
 * as Kenyan companies set both tools (dd/MM/yyyy); amounts in whole shillings.
 */
public final class JournalFiles {

	/** Which layout. */
	public enum Format {

		/**
		 * QuickBooks Online's journal entry import: debits and credits in two columns.
		 */
		QUICKBOOKS,
		/** Xero's manual journal import: one signed amount, debits positive. */
		XERO

	}

	public static final List<String> QUICKBOOKS_HEADER = List.of("JournalNo", "JournalDate", "AccountName", "Debits",
			"Credits", "Description", "Name");

	public static final List<String> XERO_HEADER = List.of("*Narration", "*Date", "Description", "*AccountCode",
			"*TaxRate", "*Amount", "TrackingName1", "TrackingOption1");

	public static final List<String> PAYOUTS_HEADER = List.of("psychologist", "psychologist_id", "sessions",
			"amount_kes", "platform_fee_kes", "payable_kes");

	public static final List<String> STATEMENT_HEADER = List.of("date", "mpesa_receipt", "session_id", "amount_kes",
			"platform_fee_kes", "payable_kes");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);

	private JournalFiles() {
	}

	public static void journal(Format format, List<Journal.Entry> entries, FinanceSettings.Accounting accounts,
			Appendable out) {
		try (CsvDocument csv = new CsvDocument(out, (format == Format.XERO) ? XERO_HEADER : QUICKBOOKS_HEADER)) {
			for (Journal.Entry entry : entries) {
				String date = DATE.format(entry.date());
				String description = "Session " + entry.sessionId() + ", M-Pesa " + entry.receipt();
				String who = SpreadsheetSafe.defused(entry.psychologist());
				if (format == Format.QUICKBOOKS) {
					csv.record(entry.number(), date, accounts.mpesaAccountName(), entry.amount(), "", description, "");
					csv.record(entry.number(), date, accounts.payableAccountName(), "", entry.payable(), description,
							who);
					if (entry.fee() > 0) {
						csv.record(entry.number(), date, accounts.feeAccountName(), "", entry.fee(), description, "");
					}
				}
				else {
					String narration = "Malipo " + entry.number();
					csv.record(narration, date, description, accounts.mpesaAccountCode(), accounts.xeroTaxRate(),
							entry.amount(), "", "");
					csv.record(narration, date, description, accounts.payableAccountCode(), accounts.xeroTaxRate(),
							-entry.payable(), "Psychologist", who);
					if (entry.fee() > 0) {
						csv.record(narration, date, description, accounts.feeAccountCode(), accounts.xeroTaxRate(),
								-entry.fee(), "", "");
					}
				}
			}
		}
	}

	/** What each psychologist is owed for the period, one line each. */
	public static void payouts(List<Journal.Payout> payouts, Appendable out) {
		try (CsvDocument csv = new CsvDocument(out, PAYOUTS_HEADER)) {
			for (Journal.Payout payout : payouts) {
				csv.record(SpreadsheetSafe.defused(payout.psychologist()), payout.psychologistId(), payout.sessions(),
						payout.amount(), payout.fee(), payout.payable());
			}
		}
	}

	/** One psychologist's statement: each paid session, then the totals. */
	public static void statement(List<Journal.Entry> theirs, Appendable out) {
		try (CsvDocument csv = new CsvDocument(out, STATEMENT_HEADER)) {
			for (Journal.Entry entry : theirs) {
				csv.record(DATE.format(entry.date()), entry.receipt(), entry.sessionId(), entry.amount(), entry.fee(),
						entry.payable());
			}
			csv.record("Total", "", "", theirs.stream().mapToLong(Journal.Entry::amount).sum(),
					theirs.stream().mapToLong(Journal.Entry::fee).sum(),
					theirs.stream().mapToLong(Journal.Entry::payable).sum());
		}
	}

}
