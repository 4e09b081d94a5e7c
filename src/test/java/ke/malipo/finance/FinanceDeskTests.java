package ke.malipo.finance;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserId;
import ke.malipo.finance.internal.Transaction;
import ke.malipo.finance.internal.TransactionFilter;
import ke.malipo.finance.internal.TransactionLedger;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * The finance desk over the running application: every transaction listed with the fields
 * an accountant needs (Properties 37, 38), search and filters that select exactly the
 * right transactions, checked against a model (Property 39), pages that add up to the
 * whole, and a CSV export holding exactly what the filter selects (Property 40).
 */
@MalipoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinanceDeskTests {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	private static final AttemptState[] STATES = AttemptState.values();

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionLedger ledger;

	/** Marks this run's people, so a name search finds only them. */
	private final String tag = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final List<Person> clients = new ArrayList<>();

	private final List<Person> psychologists = new ArrayList<>();

	private final List<Row> corpus = new ArrayList<>();

	private Account admin;

	private CurrentUser adminUser;

	/**
	 * Sixty attempts of three clients with three psychologists, over three weeks of March
	 * 2025 at any minute of the day (so East Africa's midnight is crossed), in every
	 * state.
	 */
	@BeforeAll
	void corpus() {
		this.admin = this.api.admin();
		this.adminUser = new CurrentUser(new UserId(this.admin.id()), this.admin.email(), "Test Admin", Role.ADMIN);
		for (String name : List.of("Amani", "Baraka", "Chebet")) {
			this.clients.add(person(this.api.register("CLIENT", null, name + " " + this.tag)));
		}
		for (String name : List.of("Dr Njeri", "Dr Odhiambo", "Dr Wekesa")) {
			this.psychologists.add(person(this.api.register("PSYCHOLOGIST", 2000L, name + " " + this.tag)));
		}
		Random random = new Random(37);
		for (int i = 0; i < 60; i++) {
			AttemptState state = STATES[random.nextInt(STATES.length)];
			Instant at = LocalDate.of(2025, 3, 1)
				.atStartOfDay(EAT)
				.plusMinutes(random.nextInt(21 * 24 * 60))
				.toInstant();
			String phone = "2547" + String.format("%08d", random.nextInt(100_000_000));
			String receipt = (state == AttemptState.PAID) ? receipt(random) : null;
			Row row = new Row(UUID.randomUUID(), this.clients.get(random.nextInt(3)),
					this.psychologists.get(random.nextInt(3)), at, 500 + random.nextInt(5000), phone, state, receipt,
					reference(random), "ws_CO_" + UUID.randomUUID().toString().replace("-", ""));
			insert(row);
			this.corpus.add(row);
		}
	}

	@Test
	void property39_searchAndFiltersSelectExactlyTheMatchingTransactions() {
		qt().withExamples(150).withFixedSeed(39L).forAll(filters()).checkAssert((filter) -> {
			List<Transaction> found = all(filter);
			List<UUID> inCorpus = found.stream()
				.map((transaction) -> transaction.id().value())
				.filter((id) -> this.corpus.stream().anyMatch((row) -> row.id().equals(id)))
				.toList();
			List<UUID> expected = this.corpus.stream()
				.filter((row) -> matches(row, filter))
				.sorted(Comparator.comparing(Row::at).thenComparing(Row::id).reversed())
				.map(Row::id)
				.toList();
			assertThat(inCorpus).as("corpus rows selected by %s", filter).isEqualTo(expected);
			// Rows of other tests that were selected must obey every structured filter.
			assertThat(found).allSatisfy((transaction) -> {
				if (filter.state() != null) {
					assertThat(transaction.state()).isEqualTo(filter.state());
				}
				if (filter.psychologist() != null) {
					assertThat(transaction.psychologistId()).isEqualTo(filter.psychologist());
				}
				if (filter.from() != null) {
					assertThat(transaction.createdAt()).isAfterOrEqualTo(filter.from().atStartOfDay(EAT).toInstant());
				}
				if (filter.to() != null) {
					assertThat(transaction.createdAt()).isBefore(filter.to().plusDays(1).atStartOfDay(EAT).toInstant());
				}
			});
		});
	}

	@Test
	void property37_pagesAddUpToEveryTransactionOnceNewestFirst() {
		TransactionFilter everyone = TransactionFilter.parse(this.tag, null, null, null, null);
		List<String> paged = new ArrayList<>();
		int pages = 0;
		for (int page = 1;; page++) {
			Response answer = this.api.get("/api/admin/transactions?size=7&page=" + page + "&q=" + this.tag,
					this.admin.token());
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body().get("total").asLong()).isEqualTo(this.corpus.size());
			assertThat(answer.body().get("paidAmount").asLong()).as("the filter's money, on every page")
				.isEqualTo(this.corpus.stream()
					.filter((row) -> row.state() == AttemptState.PAID)
					.mapToLong(Row::amount)
					.sum());
			pages = answer.body().get("pages").asInt();
			answer.body().get("rows").forEach((row) -> paged.add(row.get("paymentId").asString()));
			if (page >= pages) {
				break;
			}
		}
		assertThat(pages).isEqualTo((this.corpus.size() + 6) / 7);
		assertThat(paged).hasSize(this.corpus.size())
			.doesNotHaveDuplicates()
			.isEqualTo(all(everyone).stream().map((t) -> t.id().value().toString()).toList());
		List<Instant> times = all(everyone).stream().map(Transaction::createdAt).toList();
		assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
	}

	@Test
	void property40_theCsvExportHoldsExactlyWhatTheFilterSelects() throws IOException {
		Person njeri = this.psychologists.get(0);
		String query = "q=" + this.tag + "&from=2025-03-05&to=2025-03-12&psychologist=" + njeri.id();
		Api.TextResponse csv = this.api.text("/api/admin/transactions.csv?" + query, this.admin.token());
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.headers().getContentType()).hasToString("text/csv;charset=UTF-8");
		assertThat(csv.headers().getContentDisposition().getFilename())
			.isEqualTo("malipo-transactions-2025-03-05-to-2025-03-12.csv");
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.body()))
			.getRecords();
		TransactionFilter filter = TransactionFilter.parse(this.tag, null, "2025-03-05", "2025-03-12",
				njeri.id().toString());
		List<Row> expected = this.corpus.stream()
			.filter((row) -> matches(row, filter))
			.sorted(Comparator.comparing(Row::at).reversed())
			.toList();
		assertThat(expected).isNotEmpty();
		assertThat(records).extracting((record) -> record.get("payment_id"))
			.containsExactlyElementsOf(expected.stream().map((row) -> row.id().toString()).toList());
		JsonNode screen = this.api.get("/api/admin/transactions?size=100&" + query, this.admin.token()).body();
		assertThat(StreamSupport.stream(screen.get("rows").spliterator(), false)
			.map((row) -> row.get("paymentId").asString())
			.toList()).containsExactlyElementsOf(records.stream().map((record) -> record.get("payment_id")).toList());
		CSVRecord first = records.get(0);
		Row row = expected.get(0);
		assertThat(first.get("amount_kes")).isEqualTo(Long.toString(row.amount()));
		assertThat(first.get("client")).isEqualTo(row.client().name());
		assertThat(first.get("psychologist")).isEqualTo(njeri.name());
		assertThat(first.get("phone")).isEqualTo(Msisdn.mask(row.phone()));
		assertThat(first.get("status")).isEqualTo(row.state().name());
		assertThat(first.get("date")).startsWith(row.at().atZone(EAT).toLocalDate().toString()).endsWith("+03:00");
	}

	@Test
	void property38_aRealPaymentIsListedWithEveryFieldAndItsTimeline() {
		String other = UUID.randomUUID().toString().substring(0, 8);
		Account client = this.api.register("CLIENT", null, "Wanjiru " + other);
		Account psychologist = this.api.register("PSYCHOLOGIST", 2300L, "Dr Kamau " + other);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 4);
		String phone = TestPhones.local(0);
		assertThat(
				this.api.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", session, "phoneNumber", phone))
					.status())
			.isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		String receipt = this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber");
		Projections.caughtUp(this.jdbc);

		JsonNode rows = this.api
			.get("/api/admin/transactions?q=" + receipt.toLowerCase(Locale.ROOT), this.admin.token())
			.body()
			.get("rows");
		assertThat(rows).hasSize(1);
		JsonNode row = rows.get(0);
		assertThat(row.get("date").asString()).endsWith("+03:00");
		assertThat(row.get("amount").asLong()).isEqualTo(2300);
		assertThat(row.get("client").get("name").asString()).isEqualTo("Wanjiru " + other);
		assertThat(row.get("psychologist").get("name").asString()).isEqualTo("Dr Kamau " + other);
		assertThat(row.get("mpesaReceiptNumber").asString()).isEqualTo(receipt);
		assertThat(row.get("phoneNumberMasked").asString()).isEqualTo(Msisdn.parse(phone).masked());
		assertThat(row.get("status").asString()).isEqualTo("PAID");
		assertThat(row.get("sessionId").asString()).isEqualTo(session);

		JsonNode detail = this.api.get("/api/admin/transactions/" + row.get("paymentId").asString(), this.admin.token())
			.body();
		List<String> kinds = StreamSupport.stream(detail.get("timeline").spliterator(), false)
			.map((step) -> step.get("kind").asString())
			.toList();
		assertThat(kinds).containsSubsequence("INITIATED", "DARAJA_ACCEPTED", "CALLBACK", "PAID");
		assertThat(detail.get("timeline").toString()).doesNotContain(Msisdn.parse(phone).value());
	}

	@Test
	void theDeskIsForAdminsOnly() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1500);
		for (String path : List.of("/api/admin/transactions", "/api/admin/transactions.csv",
				"/api/admin/transactions/" + this.corpus.get(0).id())) {
			assertThat(this.api.get(path, client.token()).status()).as(path).isEqualTo(403);
			assertThat(this.api.get(path, psychologist.token()).status()).as(path).isEqualTo(403);
			assertThat(this.api.get(path, null).status()).as(path).isEqualTo(401);
		}
	}

	@Test
	void badFiltersAreRefusedWithTheirFieldsNamed() {
		Response answer = this.api.get("/api/admin/transactions?status=SETTLED&from=2025-13-01&page=0",
				this.admin.token());
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(answer.body().get("errors").toString()).contains("status").contains("from");
		assertThat(this.api.get("/api/admin/transactions?size=101", this.admin.token()).status()).isEqualTo(400);
		assertThat(
				this.api.text("/api/admin/transactions.csv?from=2025-03-10&to=2025-03-01", this.admin.token()).status())
			.isEqualTo(400);
		assertThat(this.api.get("/api/admin/transactions/" + UUID.randomUUID(), this.admin.token()).code())
			.isEqualTo("PAYMENT_NOT_FOUND");
	}

	@Test
	void aClientSeesOnlyTheirOwnPaymentsAndAPsychologistThoseToThem() {
		Person amani = this.clients.get(0);
		CurrentUser asClient = new CurrentUser(new UserId(amani.id()), "", amani.name(), Role.CLIENT);
		assertThat(all(asClient, TransactionFilter.NONE)).extracting((t) -> t.clientId().value())
			.containsOnly(amani.id())
			.hasSize((int) this.corpus.stream().filter((row) -> row.client().equals(amani)).count());
		Person wekesa = this.psychologists.get(2);
		CurrentUser asPsychologist = new CurrentUser(new UserId(wekesa.id()), "", wekesa.name(), Role.PSYCHOLOGIST);
		assertThat(all(asPsychologist, TransactionFilter.NONE)).extracting((t) -> t.psychologistId().value())
			.containsOnly(wekesa.id())
			.hasSize((int) this.corpus.stream().filter((row) -> row.psychologist().equals(wekesa)).count());
	}

	// --- the model -------------------------------------------------------------------

	private boolean matches(Row row, TransactionFilter filter) {
		if (filter.state() != null && row.state() != filter.state()) {
			return false;
		}
		if (filter.psychologist() != null && !row.psychologist().id().equals(filter.psychologist().value())) {
			return false;
		}
		if (filter.from() != null && row.at().isBefore(filter.from().atStartOfDay(EAT).toInstant())) {
			return false;
		}
		if (filter.to() != null && !row.at().isBefore(filter.to().plusDays(1).atStartOfDay(EAT).toInstant())) {
			return false;
		}
		return filter.text() == null || matchesText(row, filter.text());
	}

	private static boolean matchesText(Row row, String text) {
		String upper = text.toUpperCase(Locale.ROOT);
		if (upper.equals(row.receipt()) || upper.equals(row.reference()) || text.equals(row.checkout())) {
			return true;
		}
		if (text.matches("\\+?[0-9][0-9 -]{2,}") && row.phone().contains(phoneDigits(text))) {
			return true;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		return row.client().mentions(lower) || row.psychologist().mentions(lower);
	}

	private static String phoneDigits(String text) {
		try {
			return Msisdn.parse(text).value();
		}
		catch (RuntimeException ex) {
			String digits = text.replaceAll("[^0-9]", "");
			return digits.startsWith("0") ? digits.substring(1) : digits;
		}
	}

	private Gen<TransactionFilter> filters() {
		Gen<@Nullable String> texts = integers().between(0, 9).zip(integers().between(0, 10_000), (kind, pick) -> {
			Row row = this.corpus.get(pick % this.corpus.size());
			Person person = (pick % 2 == 0) ? row.client() : row.psychologist();
			return switch (kind) {
				case 0 -> (row.receipt() != null) ? row.receipt().toLowerCase(Locale.ROOT) : row.reference();
				case 1 -> "0" + row.phone().substring(3, 6) + " " + row.phone().substring(6, 9) + " "
						+ row.phone().substring(9);
				case 2 -> row.phone().substring(pick % 6, pick % 6 + 5);
				case 3 -> person.name().substring(0, 3 + pick % 4).toUpperCase(Locale.ROOT);
				case 4 -> this.tag.toLowerCase(Locale.ROOT);
				case 5 -> row.checkout();
				case 6 -> "nobody-" + pick;
				default -> null;
			};
		});
		Gen<@Nullable AttemptState> states = integers().between(-3, STATES.length - 1)
			.map((i) -> (i < 0) ? null : STATES[i]);
		Gen<@Nullable LocalDate> dates = integers().between(-8, 23)
			.map((day) -> (day < 0) ? null : LocalDate.of(2025, 2, 28).plusDays(day));
		Gen<@Nullable UUID> people = integers().between(-2, 2)
			.map((i) -> (i < 0) ? null : this.psychologists.get(i).id());
		return texts.zip(states, dates, dates, (text, state, from, to) -> new Object[] { text, state, from, to })
			.zip(people, (parts, psychologist) -> {
				LocalDate from = (LocalDate) parts[2];
				LocalDate to = (LocalDate) parts[3];
				if (from != null && to != null && from.isAfter(to)) {
					LocalDate swap = from;
					from = to;
					to = swap;
				}
				return TransactionFilter.parse((String) parts[0],
						(parts[1] != null) ? ((AttemptState) parts[1]).name() : null,
						(from != null) ? from.toString() : null, (to != null) ? to.toString() : null,
						(psychologist != null) ? psychologist.toString() : null);
			});
	}

	// --- helpers ---------------------------------------------------------------------

	private List<Transaction> all(TransactionFilter filter) {
		return all(this.adminUser, filter);
	}

	private List<Transaction> all(CurrentUser viewer, TransactionFilter filter) {
		List<Transaction> found = new ArrayList<>();
		this.ledger.forEach(viewer, filter, found::add);
		return found;
	}

	private Person person(Account account) {
		String name = this.jdbc.sql("select name from identity.users where id = :id")
			.param("id", account.id())
			.query(String.class)
			.single();
		return new Person(account.id(), name, account.email());
	}

	private void insert(Row row) {
		this.jdbc.sql("""
				insert into finance.transactions (payment_id, session_id, client_id, psychologist_id, amount, phone,
				  reference, state, checkout_request_id, receipt, outcome, created_at, updated_at, version)
				values (:id, :session, :client, :psychologist, :amount, :phone, :reference, :state, :checkout,
				  :receipt, :desc, :at, :at, 0)
				""")
			.param("id", row.id())
			.param("session", UUID.randomUUID())
			.param("client", row.client().id())
			.param("psychologist", row.psychologist().id())
			.param("amount", row.amount())
			.param("phone", row.phone())
			.param("reference", row.reference())
			.param("state", row.state().name())
			.param("checkout", row.checkout())
			.param("receipt", row.receipt())
			.param("desc", (row.state() == AttemptState.FAILED) ? "Request cancelled by user" : null)
			.param("at", Timestamp.from(row.at()))
			.update();
	}

	private static String receipt(Random random) {
		return "T" + randomAlphanumeric(random, 9);
	}

	private static String reference(Random random) {
		return randomAlphanumeric(random, 6);
	}

	private static String randomAlphanumeric(Random random, int length) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	/** Someone in the corpus. */
	record Person(UUID id, String name, String email) {

		boolean mentions(String lower) {
			return this.name.toLowerCase(Locale.ROOT).contains(lower)
					|| this.email.toLowerCase(Locale.ROOT).contains(lower);
		}

	}

	/** An attempt of the corpus, as the model knows it. */
	record Row(UUID id, Person client, Person psychologist, Instant at, long amount, String phone, AttemptState state,
			@Nullable String receipt, String reference, String checkout) {
	}

}
