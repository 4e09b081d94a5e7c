package ke.malipo.daraja.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import ke.malipo.common.time.Eat;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.DarajaJson;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.daraja.PullReading;
import ke.malipo.daraja.PulledTransaction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Pull Transactions (daraja-reference.md §6.4): registering the shortcode, and reading
 * its records page by page by row offset until none are left.
 */
final class PullTransactionsCalls {

	private static final Logger log = LoggerFactory.getLogger(PullTransactionsCalls.class);

	private static final DateTimeFormatter PULL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss")
		.withZone(Eat.ZONE);

	/** Bounds one reading (Daraja's pages are large; 48 hours fit easily). */
	static final int MAX_PAGES = 200;

	private final DarajaSettings settings;

	private final DarajaCalls calls;

	PullTransactionsCalls(DarajaSettings settings, DarajaCalls calls) {
		this.settings = settings;
		this.calls = calls;
	}

	boolean register(String callbackUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ShortCode", shortcode());
		body.put("RequestType", "Pull");
		// Daraja's examples write the nominated number the local way (0722000000).
		body.put("NominatedNumber",
				Msisdn.tryParse(this.settings.pullNominatedNumber())
					.map((number) -> "0" + number.value().substring(3))
					.orElse(""));
		body.put("CallBackURL", callbackUrl);
		try {
			DarajaAnswer answer = this.calls.postRetried("/pulltransactions/v1/register", body);
			String status = DarajaJson.text(answer.body(), "ResponseStatus").orElse("");
			// 1000: registered now; 1001: registered before. Both mean Pull works.
			if (!answer.isError() && (status.equals("1000") || status.equals("1001"))) {
				return true;
			}
			log.warn("Pull Transactions registration refused: {} {}", answer.errorCode(),
					DarajaJson.text(answer.body(), "ResponseDescription").orElse(answer.errorMessage()));
			return false;
		}
		catch (CallNotPermittedException | TransientDarajaException | DarajaRefusedException ex) {
			log.warn("Pull Transactions registration failed: {}", ex.getMessage());
			return false;
		}
	}

	PullReading read(Instant from, Instant to) {
		List<PulledTransaction> all = new ArrayList<>();
		for (int page = 0; page < MAX_PAGES; page++) {
			Page rows = page(from, to, all.size());
			all.addAll(rows.transactions());
			if (rows.failure() != null) {
				return PullReading.incomplete(all, rows.failure());
			}
			if (rows.transactions().isEmpty()) {
				return PullReading.complete(all);
			}
		}
		return PullReading.incomplete(all, "more than " + MAX_PAGES + " pages; read a shorter range");
	}

	/** One page: its rows, or why it could not be read (then its rows are not all). */
	private record Page(List<PulledTransaction> transactions, @Nullable String failure) {

		static Page failed(String why) {
			return new Page(List.of(), why);
		}

	}

	/**
	 * One page of results starting at this row offset; empty when none are left
	 * (ResponseCode 1001, or an empty list). An error answer is a failure, never the end:
	 * the reference lists "500: no transactions" among Pull's errors, but a 500 is also
	 * what an outage looks like, and only a complete reading may say nothing was paid.
	 */
	private Page page(Instant from, Instant to, int offset) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ShortCode", shortcode());
		body.put("StartDate", PULL_TIME.format(from));
		body.put("EndDate", PULL_TIME.format(to));
		body.put("OffSetValue", String.valueOf(offset));
		DarajaAnswer answer;
		try {
			answer = this.calls.postRetried("/pulltransactions/v1/query", body);
		}
		catch (CallNotPermittedException | TransientDarajaException | DarajaRefusedException ex) {
			log.warn("Pull Transactions failed at offset {}: {}", offset, ex.getMessage());
			return Page.failed("M-Pesa did not answer at row " + offset + ": " + ex.getMessage());
		}
		if (answer.isError()) {
			log.warn("Pull Transactions refused at offset {}: {} {}", offset, answer.errorCode(),
					answer.errorMessage());
			return Page
				.failed("M-Pesa refused at row " + offset + ": " + answer.errorCode() + " " + answer.errorMessage());
		}
		String code = DarajaJson.text(answer.body(), "ResponseCode").orElse("1000");
		if (!code.equals("1000") && !code.equals("1001")) {
			return Page.failed("M-Pesa answered " + code + " "
					+ DarajaJson.text(answer.body(), "ResponseMessage").orElse("") + " at row " + offset);
		}
		List<PulledTransaction> transactions = new ArrayList<>();
		// Daraja nests the list twice: "Response": [[ {...}, {...} ]].
		for (JsonNode page : answer.body().path("Response")) {
			for (JsonNode row : page.isArray() ? page : List.of(page)) {
				String id = DarajaJson.text(row, "transactionId").orElse(null);
				Instant date = date(row);
				if (id == null || date == null) {
					return new Page(transactions,
							"row " + (offset + transactions.size()) + " has no transaction id or no readable date");
				}
				transactions.add(new PulledTransaction(id, date, DarajaJson.text(row, "msisdn").orElse(null),
						DarajaJson.wholeShillings(DarajaJson.text(row, "amount").orElse(null)),
						DarajaJson.text(row, "billreference").orElse(null),
						DarajaJson.text(row, "transactiontype").orElse(null)));
			}
		}
		return new Page(transactions, null);
	}

	private static @Nullable Instant date(JsonNode row) {
		return DarajaJson.text(row, "trxDate").map((text) -> {
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}).orElse(null);
	}

	private String shortcode() {
		return Objects.requireNonNull(this.settings.shortcode(), "malipo.mpesa.shortcode");
	}

}
