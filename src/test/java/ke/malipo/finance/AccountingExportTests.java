package ke.malipo.finance;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The accounting export (issue 15, C13): a period's paid sessions as a balanced
 * double-entry journal in QuickBooks Online's and Xero's layouts, what each psychologist
 * is owed after the platform's fee (10% by default, rounded to the shilling), and one
 * psychologist's statement; every file read back with Commons CSV. Other tests' payments
 * share the database, so the files are read for this test's receipts and people only.
 */
@MalipoIntegrationTest
class AccountingExportTests {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void paidSessionsBecomeBalancedJournalsPayoutsAndStatements() throws Exception {
		Account client = this.api.client();
		Account plain = this.api.register("PSYCHOLOGIST", 1500L, "Dr Even " + UUID.randomUUID());
		Account odd = this.api.register("PSYCHOLOGIST", 2333L, "Dr Odd " + UUID.randomUUID());
		List<String> receipts = List.of(pay(client, plain, 1), pay(client, plain, 3), pay(client, odd, 5));
		Projections.caughtUp(this.jdbc);
		Account admin = this.api.admin();
		// A payment just before midnight belongs to that day: the period spans both
		// sides.
		LocalDate today = LocalDate.now(EAT);
		String period = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);

		List<CSVRecord> quickbooks = ours(read(admin, "/api/admin/accounting/journal.csv?" + period), "JournalNo",
				receipts);
		assertThat(quickbooks).hasSize(9);
		for (String receipt : receipts) {
			List<CSVRecord> lines = quickbooks.stream().filter((r) -> r.get("JournalNo").equals(receipt)).toList();
			assertThat(sum(lines, "Debits")).as("journal %s balances", receipt).isEqualTo(sum(lines, "Credits"));
			assertThat(lines.get(0).get("JournalDate")).matches("\\d{2}/\\d{2}/\\d{4}");
		}
		CSVRecord oddFee = quickbooks.stream()
			.filter((r) -> r.get("JournalNo").equals(receipts.get(2)) && r.get("AccountName").equals("Platform fees"))
			.findFirst()
			.orElseThrow();
		assertThat(oddFee.get("Credits")).as("10% of 2,333, to the shilling").isEqualTo("233");
		assertThat(quickbooks.stream()
			.filter((r) -> r.get("JournalNo").equals(receipts.get(2))
					&& r.get("AccountName").equals("Psychologists payable"))
			.findFirst()
			.orElseThrow()
			.get("Name")).startsWith("Dr Odd");

		List<CSVRecord> xero = read(admin, "/api/admin/accounting/journal.csv?format=xero&" + period).stream()
			.filter((r) -> receipts.stream().anyMatch((receipt) -> r.get("*Narration").equals("Malipo " + receipt)))
			.toList();
		assertThat(xero).hasSize(9);
		Map<String, Long> byJournal = xero.stream()
			.collect(Collectors.groupingBy((r) -> r.get("*Narration"),
					Collectors.summingLong((r) -> Long.parseLong(r.get("*Amount")))));
		assertThat(byJournal.values()).as("each Xero journal nets to zero").containsOnly(0L);
		assertThat(xero.stream().map((r) -> r.get("*AccountCode")).collect(Collectors.toSet()))
			.isEqualTo(Set.of("1010", "2100", "4000"));
		assertThat(xero).allSatisfy((r) -> assertThat(r.get("*TaxRate")).isEqualTo("Tax Exempt"));

		List<CSVRecord> payouts = read(admin, "/api/admin/accounting/payouts.csv?" + period);
		CSVRecord even = payouts.stream()
			.filter((r) -> r.get("psychologist_id").equals(plain.id().toString()))
			.findFirst()
			.orElseThrow();
		assertThat(List.of(even.get("sessions"), even.get("amount_kes"), even.get("platform_fee_kes"),
				even.get("payable_kes")))
			.containsExactly("2", "3000", "300", "2700");

		List<CSVRecord> statement = read(admin, "/api/admin/accounting/payouts/" + odd.id() + ".csv?" + period);
		assertThat(statement).hasSize(2);
		assertThat(statement.get(0).get("mpesa_receipt")).isEqualTo(receipts.get(2));
		assertThat(statement.get(1).get("date")).isEqualTo("Total");
		assertThat(statement.get(1).get("payable_kes")).isEqualTo("2100");

		// The page shows the same figures.
		String page = new PageSession(this.port).signIn(admin).get("/admin/accounting?" + period).body();
		assertThat(page).contains("Dr Odd").contains("KES 2,100").contains("KES 2,700");
	}

	@Test
	void aPeriodOrFormatThatCannotBeReadIsRefusedWithProblemDetails() {
		Account admin = this.api.admin();
		for (String query : List.of("to=2026-01-31", "from=2026-02-01&to=2026-01-31", "from=2026-01-01&to=2027-06-01",
				"from=yesterday&to=2026-01-31", "from=2026-01-01&to=2026-01-31&format=sage")) {
			Api.Response refused = this.api.get("/api/admin/accounting/journal.csv?" + query, admin.token());
			assertThat(refused.status()).as(query).isEqualTo(400);
			assertThat(refused.code()).as(query).isEqualTo("VALIDATION_FAILED");
		}
	}

	private String pay(Account client, Account psychologist, int days) {
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, days);
		this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)));
		return await().atMost(Duration.ofSeconds(15)).until(() -> {
			Api.Response status = this.api.get("/api/mpesa/status/" + session, client.token());
			return "PAID".equals(status.text("paymentStatus")) ? status.text("mpesaReceiptNumber") : null;
		}, java.util.Objects::nonNull);
	}

	private List<CSVRecord> read(Account admin, String path) throws IOException {
		Api.TextResponse file = this.api.text(path, admin.token());
		assertThat(file.status()).as(path + ": " + file.body()).isEqualTo(200);
		assertThat(file.headers().getContentType()).hasToString("text/csv;charset=UTF-8");
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(file.body()))
			.getRecords();
	}

	private static List<CSVRecord> ours(List<CSVRecord> records, String column, List<String> receipts) {
		return records.stream().filter((r) -> receipts.contains(r.get(column))).toList();
	}

	private static long sum(List<CSVRecord> lines, String column) {
		return lines.stream().mapToLong((r) -> r.get(column).isEmpty() ? 0 : Long.parseLong(r.get(column))).sum();
	}

}
