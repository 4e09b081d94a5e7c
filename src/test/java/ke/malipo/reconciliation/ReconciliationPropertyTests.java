package ke.malipo.reconciliation;

import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Properties 57, 58 and 59, model-based: a generated day of payments (ours) and M-Pesa
 * records (theirs), clean or with one injected discrepancy of every kind api.md names;
 * the engine, run over that day through the API, must find exactly what was injected,
 * each on exactly its transaction, and nothing else; the run ties out to the shilling;
 * and the CSV report says the same, one row per item. Each example lives on a day of its
 * own, long past, so examples never see each other.
 */
@MalipoIntegrationTest
class ReconciliationPropertyTests {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	private static final AtomicInteger DAY = new AtomicInteger();

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	private Account admin;

	@BeforeEach
	void signIn() {
		this.admin = this.api.admin();
	}

	/** What a generated transaction is, and so what its item must say. */
	enum Kind {

		PAID("MATCHED", null), FAILED_NO_MONEY("MATCHED", null), AMOUNT_MISMATCH("DISCREPANCY", "AMOUNT_MISMATCH"),
		STATUS_MISMATCH("DISCREPANCY", "STATUS_MISMATCH"),
		STATUS_MISMATCH_BY_AMOUNT_PHONE_TIME("DISCREPANCY", "STATUS_MISMATCH"),
		DUPLICATE_RECEIPT("DISCREPANCY", "DUPLICATE_RECEIPT"),
		MONEY_WITHOUT_PAYMENT("UNMATCHED", "MONEY_WITHOUT_PAYMENT"),
		PAYMENT_WITHOUT_MONEY("UNMATCHED", "PAYMENT_WITHOUT_MONEY"), MISSING_RECEIPT("DISCREPANCY", "MISSING_RECEIPT"),
		PHONE_MISMATCH("DISCREPANCY", "PHONE_MISMATCH"), STILL_OPEN("PENDING_VERIFICATION", null);

		final String status;

		final String problem;

		Kind(String status, String problem) {
			this.status = status;
			this.problem = problem;
		}

		boolean clean() {
			return this == PAID || this == FAILED_NO_MONEY;
		}

	}

	// Property 57: Reconciliation Compares Transactions
	@Test
	void property57_cleanDaysMatchEveryPaymentAndEveryReceipt() {
		qt().withExamples(100)
			.withFixedSeed(57L)
			.forAll(lists().of(integers().between(0, 1)).ofSizeBetween(1, 12))
			.checkAssert((kinds) -> check(kinds.stream().map((i) -> Kind.values()[i]).toList(), false));
	}

	// Property 58: Discrepancy Flags Transaction
	@Test
	void property58_everyInjectedDiscrepancyIsFlaggedOnItsTransactionAndNothingElse() {
		Gen<List<Kind>> days = lists().of(integers().between(0, Kind.values().length - 1))
			.ofSizeBetween(1, 14)
			.map((indexes) -> indexes.stream().map((i) -> Kind.values()[i]).toList());
		qt().withExamples(120).withFixedSeed(58L).forAll(days).checkAssert((kinds) -> check(kinds, false));
	}

	// Property 59: Reconciliation Generates Report
	@Test
	void property59_theReportHasOneRowPerItemAndTiesOut() {
		Gen<List<Kind>> days = lists().of(integers().between(0, Kind.values().length - 1))
			.ofSizeBetween(1, 10)
			.map((indexes) -> indexes.stream().map((i) -> Kind.values()[i]).toList());
		qt().withExamples(100).withFixedSeed(59L).forAll(days).checkAssert((kinds) -> check(kinds, true));
	}

	private void check(List<Kind> kinds, boolean report) {
		LocalDate day = LocalDate.of(2001, 1, 1).plusDays(DAY.getAndIncrement());
		List<Injected> injected = inject(day, kinds);
		Response run = this.api.post("/api/reconciliation/run", this.admin.token(),
				Map.of("from", day.toString(), "to", day.toString()));
		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		JsonNode body = run.body();
		assertThat(body.get("status").asString()).isEqualTo("COMPLETE");
		List<JsonNode> items = new ArrayList<>();
		body.get("items").forEach(items::add);
		assertThat(items).hasSize(injected.size());
		for (Injected expected : injected) {
			List<JsonNode> mine = items.stream().filter(expected::owns).toList();
			assertThat(mine).as("the item of %s", expected).hasSize(1);
			JsonNode item = mine.get(0);
			assertThat(item.get("status").asString()).as("status of %s", expected).isEqualTo(expected.kind().status);
			assertThat(item.get("problem").isNull() ? null : item.get("problem").asString())
				.as("problem of %s", expected)
				.isEqualTo(expected.kind().problem);
			assertThat(item.get("explanation").asString()).isNotBlank();
		}
		long paidIn = injected.stream().mapToLong(Injected::mpesaPaidIn).sum();
		JsonNode tieOut = body.get("tieOut");
		assertThat(tieOut.get("mpesaPaidIn").asLong()).isEqualTo(paidIn);
		assertThat(tieOut.get("tiesOut").asBoolean()).isTrue();
		if (report) {
			checkReport(body.get("id").asString(), items, paidIn);
		}
	}

	private void checkReport(String run, List<JsonNode> items, long paidIn) {
		Api.TextResponse csv = this.api.text("/api/reconciliation/report?runId=" + run, this.admin.token());
		assertThat(csv.status()).isEqualTo(200);
		List<CSVRecord> rows;
		try {
			rows = CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(new StringReader(csv.body()))
				.getRecords();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		assertThat(rows).hasSize(items.size());
		Map<String, String> statuses = new HashMap<>();
		items.forEach((item) -> statuses.put(item.get("id").asString(), item.get("status").asString()));
		long reported = 0;
		for (CSVRecord row : rows) {
			assertThat(row.get("status")).isEqualTo(statuses.get(row.get("item_id")));
			if (!row.get("mpesa_amount_kes").isEmpty() && !"DUPLICATE_RECEIPT".equals(row.get("problem"))) {
				reported += Long.parseLong(row.get("mpesa_amount_kes"));
			}
			else if ("DUPLICATE_RECEIPT".equals(row.get("problem"))) {
				reported += 2 * Long.parseLong(row.get("mpesa_amount_kes"));
			}
			assertThat(row.get("our_phone") + row.get("mpesa_phone")).doesNotContainPattern("2547\\d{8}");
		}
		assertThat(reported).isEqualTo(paidIn);
	}

	/**
	 * One generated transaction: our payment and M-Pesa's rows as the kind makes them,
	 * stored directly in reconciliation's tables (the engine's inputs).
	 */
	private record Injected(Kind kind, UUID payment, String receipt, long mpesaPaidIn) {

		boolean owns(JsonNode item) {
			JsonNode payment = item.get("payment");
			JsonNode mpesa = item.get("mpesa");
			boolean ours = payment != null && !payment.isNull()
					&& this.payment.toString().equals(payment.get("paymentId").asString());
			boolean theirs = mpesa != null && !mpesa.isNull() && this.receipt.equals(mpesa.get("receipt").asString());
			return ours || theirs;
		}

	}

	private List<Injected> inject(LocalDate day, List<Kind> kinds) {
		Instant start = day.atTime(8, 0).atZone(EAT).toInstant();
		this.jdbc.sql("""
				insert into reconciliation.coverage (source, covered_from, covered_to)
				values ('STATEMENT', :from, cast(:from as timestamptz) + interval '1 day')
				""").param("from", Timestamp.from(day.atStartOfDay(EAT).toInstant())).update();
		List<Injected> injected = new ArrayList<>();
		int salt = DAY.get() * 100;
		for (int i = 0; i < kinds.size(); i++) {
			Kind kind = kinds.get(i);
			UUID payment = UUID.randomUUID();
			String reference = String.format("%06d", (salt + i) % 1_000_000).replace('0', 'Z');
			String receipt = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
			long amount = 1000L + 37L * (salt % 1000) + i;
			String phone = String.format("2547%08d", (salt * 20 + i) % 100_000_000);
			Instant created = start.plusSeconds(600L * i);
			Instant completed = created.plusSeconds(30);
			String masked = phone.substring(0, 4) + "****" + phone.substring(8);
			String account = "Malipo" + reference;
			long paidIn = 0;
			switch (kind) {
				case PAID -> {
					ours(payment, amount, phone, reference, receipt, "PAID", created);
					paidIn = theirs(receipt, amount, masked, account, completed, 1);
				}
				case FAILED_NO_MONEY -> ours(payment, amount, phone, reference, null, "FAILED", created);
				case AMOUNT_MISMATCH -> {
					ours(payment, amount, phone, reference, receipt, "PAID", created);
					paidIn = theirs(receipt, amount - 1, masked, account, completed, 1);
				}
				case STATUS_MISMATCH -> {
					ours(payment, amount, phone, reference, null, "FAILED", created);
					paidIn = theirs(receipt, amount, masked, account, completed, 1);
				}
				case STATUS_MISMATCH_BY_AMOUNT_PHONE_TIME -> {
					ours(payment, amount, phone, reference, null, "UNKNOWN", created);
					paidIn = theirs(receipt, amount, phone, null, completed, 1);
				}
				case DUPLICATE_RECEIPT -> {
					ours(payment, amount, phone, reference, receipt, "PAID", created);
					paidIn = theirs(receipt, amount, masked, account, completed, 2);
				}
				case MONEY_WITHOUT_PAYMENT -> {
					payment = UUID.randomUUID();
					paidIn = theirs(receipt, amount, "2541****0000", "Other" + i, completed, 1);
				}
				case PAYMENT_WITHOUT_MONEY -> ours(payment, amount, phone, reference, receipt, "PAID", created);
				case MISSING_RECEIPT -> {
					ours(payment, amount, phone, reference, null, "PAID", created);
					paidIn = theirs(receipt, amount, masked, account, completed, 1);
				}
				case PHONE_MISMATCH -> {
					ours(payment, amount, phone, reference, receipt, "PAID", created);
					paidIn = theirs(receipt, amount, "2541" + phone.substring(4), account, completed, 1);
				}
				case STILL_OPEN -> ours(payment, amount, phone, reference, null, "AWAITING_CUSTOMER", created);
			}
			injected.add(new Injected(kind, payment, receipt, paidIn));
		}
		return injected;
	}

	private void ours(UUID payment, long amount, String phone, String reference, String receipt, String state,
			Instant created) {
		this.jdbc
			.sql("""
					insert into reconciliation.payments (payment_id, session_id, client_id, amount, phone, reference, receipt,
					  state, created_at, updated_at, version)
					values (:id, :session, :client, :amount, :phone, :reference, :receipt, :state, :at, :at, 1)
					""")
			.param("id", payment)
			.param("session", UUID.randomUUID())
			.param("client", UUID.randomUUID())
			.param("amount", amount)
			.param("phone", phone)
			.param("reference", reference)
			.param("receipt", receipt)
			.param("state", state)
			.param("at", Timestamp.from(created))
			.update();
	}

	/** M-Pesa's rows for a receipt ({@code lines} identical ones); their paid-in sum. */
	private long theirs(String receipt, long amount, String phone, String account, Instant completed, int lines) {
		for (int occurrence = 1; occurrence <= lines; occurrence++) {
			this.jdbc
				.sql("""
						insert into reconciliation.records (id, source, fingerprint, occurrence, receipt, completed_at, status,
						  paid_in, phone, account, details, seen_at)
						values (gen_random_uuid(), 'STATEMENT', :fingerprint, :occurrence, :receipt, :at, 'Completed', :amount,
						  :phone, :account, 'Pay Bill Online', now())
						""")
				.param("fingerprint", "test-" + receipt)
				.param("occurrence", occurrence)
				.param("receipt", receipt)
				.param("at", Timestamp.from(completed))
				.param("amount", amount)
				.param("phone", phone)
				.param("account", account)
				.update();
		}
		return amount * lines;
	}

}
