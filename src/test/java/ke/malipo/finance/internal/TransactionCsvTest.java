package ke.malipo.finance.internal;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Property 40: Report Generation Creates CSV. The export is RFC 4180: a header row, then
 * exactly one record per transaction, whatever people typed into their names (commas,
 * quotes, line breaks, formulas), read back field for field by a standard CSV reader.
 */
class TransactionCsvTest {

	private static final CSVFormat READER = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

	@Test
	void property40_headerThenOneRecordPerTransactionAndEveryFieldReadsBack() {
		qt().withExamples(200)
			.withFixedSeed(40L)
			.forAll(lists().of(transactions()).ofSizeBetween(0, 12))
			.checkAssert((transactions) -> {
				String csv = write(transactions);
				assertThat(csv).startsWith(String.join(",", TransactionCsv.HEADER) + "\r\n");
				List<CSVRecord> records = read(csv);
				assertThat(records).hasSize(transactions.size());
				for (int i = 0; i < transactions.size(); i++) {
					Transaction expected = transactions.get(i);
					CSVRecord record = records.get(i);
					assertThat(record.size()).isEqualTo(TransactionCsv.HEADER.size());
					assertThat(record.get("payment_id")).isEqualTo(expected.id().value().toString());
					assertThat(record.get("amount_kes")).isEqualTo(Long.toString(expected.amount().shillings()));
					assertThat(record.get("client"))
						.isEqualTo(ke.malipo.common.csv.SpreadsheetSafe.defused(expected.clientName()));
					assertThat(record.get("psychologist"))
						.isEqualTo(ke.malipo.common.csv.SpreadsheetSafe.defused(expected.psychologistName()));
					assertThat(record.get("phone")).isEqualTo(expected.phone().masked()).contains("*****");
					assertThat(record.get("status")).isEqualTo(expected.state().name());
					assertThat(record.get("date")).endsWith("+03:00");
				}
			});
	}

	@Test
	void property40_linesEndWithCrLfAndFieldsWithSeparatorsAreQuoted() {
		String csv = write(
				List.of(transaction("Otieno, \"Dr.\" Brian", "Line\nbreak", AttemptState.PAID, "QKT1AB2CD3")));
		assertThat(csv).contains("\"Otieno, \"\"Dr.\"\" Brian\"").contains("\"Line\nbreak\"").endsWith("\r\n");
		assertThat(csv.split("\r\n")).hasSize(2);
		assertThat(csv).contains(",QKT1AB2CD3,").contains(",PAID,");
	}

	@Test
	void aNameThatLooksLikeAFormulaIsNotRunByASpreadsheet() {
		String csv = write(
				List.of(transaction("=HYPERLINK(\"http://evil\")", "+254 Otieno", AttemptState.FAILED, null)));
		CSVRecord record = read(csv).get(0);
		assertThat(record.get("client")).isEqualTo("'=HYPERLINK(\"http://evil\")");
		assertThat(record.get("psychologist")).isEqualTo("'+254 Otieno");
		assertThat(record.get("mpesa_receipt")).isEmpty();
		assertThat(ke.malipo.common.csv.SpreadsheetSafe.defused("-1")).isEqualTo("'-1");
		assertThat(ke.malipo.common.csv.SpreadsheetSafe.defused("@SUM")).isEqualTo("'@SUM");
		assertThat(ke.malipo.common.csv.SpreadsheetSafe.defused("Wanjiru")).isEqualTo("Wanjiru");
	}

	@Test
	void anEmptyExportIsTheHeaderAlone() {
		assertThat(write(List.of())).isEqualTo(String.join(",", TransactionCsv.HEADER) + "\r\n");
	}

	@Test
	void timesAreEastAfricaTimeWithTheirOffset() {
		Transaction at = new Transaction(PaymentId.random(), SessionId.random(),
				Instant.parse("2026-11-27T21:30:15.123Z"), Instant.parse("2026-11-27T21:31:00Z"), Kes.of(1500),
				UserId.random(), "A", UserId.random(), "B", null, Msisdn.parse("0712345678"),
				AttemptState.AWAITING_CUSTOMER, null);
		assertThat(read(write(List.of(at))).get(0).get("date")).isEqualTo("2026-11-28T00:30:15+03:00");
	}

	private static String write(List<Transaction> transactions) {
		StringBuilder out = new StringBuilder();
		try (TransactionCsv csv = new TransactionCsv(out)) {
			transactions.forEach(csv::write);
		}
		return out.toString();
	}

	private static List<CSVRecord> read(String csv) {
		try {
			return READER.parse(new StringReader(csv)).getRecords();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static Gen<Transaction> transactions() {
		Gen<String> names = strings().allPossible().ofLengthBetween(0, 20);
		Gen<AttemptState> states = integers().between(0, AttemptState.values().length - 1)
			.map((i) -> AttemptState.values()[i]);
		return names.zip(names, states, integers().between(1, 250_000),
				(client, psychologist, state, amount) -> new Transaction(PaymentId.random(), SessionId.random(),
						Instant.parse("2026-11-27T07:00:00Z"), Instant.parse("2026-11-27T07:01:00Z"), Kes.of(amount),
						UserId.random(), client, UserId.random(), psychologist,
						(state == AttemptState.PAID) ? "QKT1AB2CD3" : null, Msisdn.parse("0712345678"), state, null));
	}

	private static Transaction transaction(String client, String psychologist, AttemptState state, String receipt) {
		return new Transaction(PaymentId.random(), SessionId.random(), Instant.parse("2026-11-27T07:00:00Z"),
				Instant.parse("2026-11-27T07:01:00Z"), Kes.of(2500), UserId.random(), client, UserId.random(),
				psychologist, receipt, Msisdn.parse("0712345678"), state, null);
	}

}
