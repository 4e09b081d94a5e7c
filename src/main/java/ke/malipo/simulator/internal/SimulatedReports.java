package ke.malipo.simulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ke.malipo.common.time.Eat;
import tools.jackson.databind.JsonNode;

/**
 * M-Pesa's records of what was paid: Transaction Status (answered later at the
 * ResultURL), Pull Transactions, and the org-portal statement export in its 13-column
 * layout.
 */
public class SimulatedReports {

	private static final DateTimeFormatter DARAJA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
		.withZone(Eat.ZONE);

	private static final DateTimeFormatter PULL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss");

	private static final DateTimeFormatter STATEMENT_TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss")
		.withZone(Eat.ZONE);

	private final SimulatedDaraja daraja;

	private final CallbackPoster poster;

	private final Clock clock;

	private final InitiatorKeys keys;

	private final String initiatorPassword;

	private final int pullPageSize;

	private final SimulatorFaults faults;

	/** Set while the Pull API is down: every query is refused until it is back. */
	private volatile boolean pullDown;

	/** Shortcodes registered for Pull Transactions; unregistered ones are refused. */
	private final Set<String> pullRegistered = ConcurrentHashMap.newKeySet();

	/** The ranges of the latest Pull queries, newest last (what a client asked for). */
	private final java.util.Deque<PullRange> pullRanges = new java.util.concurrent.ConcurrentLinkedDeque<>();

	/** The time range one Pull query asked about. */
	public record PullRange(Instant from, Instant to) {
	}

	SimulatedReports(SimulatedDaraja daraja, CallbackPoster poster, Clock clock, InitiatorKeys keys,
			String initiatorPassword, int pullPageSize, SimulatorFaults faults) {
		this.daraja = daraja;
		this.poster = poster;
		this.clock = clock;
		this.keys = keys;
		this.initiatorPassword = initiatorPassword;
		this.pullPageSize = pullPageSize;
		this.faults = faults;
	}

	/**
	 * Takes the Pull API down (every query answered 500 until it is brought back) or
	 * brings it back: the outage reconciliation must report as an incomplete run, never
	 * as "nothing was paid".
	 */
	public void pullDown(boolean down) {
		this.pullDown = down;
	}

	/**
	 * The ranges the latest Pull queries asked about (up to 100, oldest first): how far a
	 * client reads M-Pesa's records.
	 */
	public List<PullRange> pullRanges() {
		return List.copyOf(this.pullRanges);
	}

	/**
	 * Registers a shortcode for Pull Transactions: {@code 1000} the first time,
	 * {@code 1001} "already registered" after that.
	 */
	SimulatorAnswer pullRegister(JsonNode body) {
		String shortcode = StkRequestRules.text(body, "ShortCode");
		if (!shortcode.matches("\\d{5,7}")) {
			return SimulatorAnswer.error(400, Ids.requestId(), "400.001", "Invalid ShortCode");
		}
		for (String field : List.of("RequestType", "NominatedNumber", "CallBackURL")) {
			if (StkRequestRules.text(body, field).isEmpty()) {
				return SimulatorAnswer.error(400, Ids.requestId(), "400.002.02", "Bad Request - Invalid " + field);
			}
		}
		boolean first = this.pullRegistered.add(shortcode);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("ResponseRefID", Ids.originatorConversationId());
		answer.put("ResponseStatus", first ? "1000" : "1001");
		answer.put("ShortCode", shortcode);
		answer.put("ResponseDescription", first ? "Shortcode Registered Successfully" : "Shortcode already registered");
		return SimulatorAnswer.ok(answer);
	}

	String initiatorPublicKey() {
		return this.keys.publicKeyPem();
	}

	SimulatorAnswer transactionStatus(JsonNode body) {
		String requestId = Ids.requestId();
		for (String field : List.of("Initiator", "SecurityCredential", "CommandID", "TransactionID", "PartyA",
				"IdentifierType", "ResultURL", "QueueTimeOutURL")) {
			if (StkRequestRules.text(body, field).isEmpty()) {
				return SimulatorAnswer.error(400, requestId, "400.002.02", "Bad Request - Invalid " + field);
			}
		}
		if (!"TransactionStatusQuery".equals(StkRequestRules.text(body, "CommandID"))) {
			return SimulatorAnswer.error(400, requestId, "400.002.02", "Bad Request - Invalid CommandID");
		}
		Instant now = this.clock.instant();
		String originator = Ids.originatorConversationId();
		String conversation = Ids.conversationId(now);
		String receipt = StkRequestRules.text(body, "TransactionID");
		String resultUrl = StkRequestRules.text(body, "ResultURL");
		Map<String, Object> result = statusResult(originator, conversation, receipt, this.daraja.byReceipt(receipt));
		if (!this.faults.dropResult()) {
			Duration delay = this.faults.callbackDelay();
			Thread.ofVirtual().name("daraja-status-result").start(() -> {
				pauseFor(delay);
				this.poster.post(resultUrl, result);
			});
		}
		Map<String, Object> ack = new LinkedHashMap<>();
		ack.put("OriginatorConversationID", originator);
		ack.put("ConversationID", conversation);
		ack.put("ResponseCode", "0");
		ack.put("ResponseDescription", "Accept the service request successfully.");
		return SimulatorAnswer.ok(ack);
	}

	/** A wrong operator, password or certificate: M-Pesa answers 2001 in the result. */
	private static Map<String, Object> invalidInitiator(String originator, String conversation, String receipt) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("ResultType", 0);
		result.put("ResultCode", 2001);
		result.put("ResultDesc", "The initiator information is invalid.");
		result.put("OriginatorConversationID", originator);
		result.put("ConversationID", conversation);
		result.put("TransactionID", receipt);
		return Map.of("Result", result);
	}

	private static Map<String, Object> statusResult(String originator, String conversation, String receipt,
			Optional<SimulatedTransaction> found) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("ResultType", 0);
		result.put("OriginatorConversationID", originator);
		result.put("ConversationID", conversation);
		result.put("TransactionID", receipt);
		if (found.isEmpty()) {
			// Daraja documents no code for an unknown receipt; the simulator answers a
			// generic failure.
			result.put("ResultCode", 1);
			result.put("ResultDesc", "The transaction could not be found.");
		}
		else {
			SimulatedTransaction t = found.get();
			result.put("ResultCode", 0);
			result.put("ResultDesc", "The service request is processed successfully.");
			List<Map<String, Object>> parameters = new ArrayList<>();
			parameters
				.add(Map.of("Key", "DebitPartyName", "Value", "0" + t.phone().substring(3) + " - SIMULATED CUSTOMER"));
			parameters.add(Map.of("Key", "CreditPartyName", "Value", t.shortcode() + " - MALIPO"));
			parameters
				.add(Map.of("Key", "InitiatedTime", "Value", Long.parseLong(DARAJA_TIME.format(t.initiatedAt()))));
			parameters.add(Map.of("Key", "DebitAccountType", "Value", "MMF Account For Customer"));
			parameters.add(Map.of("Key", "ReasonType", "Value", "Pay Bill Online"));
			parameters.add(Map.of("Key", "TransactionStatus", "Value", "Completed"));
			parameters.add(Map.of("Key", "FinalisedTime", "Value", DARAJA_TIME.format(t.completedAtOrFail())));
			parameters.add(Map.of("Key", "Amount", "Value", (double) t.amount()));
			parameters.add(Map.of("Key", "ReceiptNo", "Value", String.valueOf(t.receipt())));
			result.put("ResultParameters", Map.of("ResultParameter", parameters));
		}
		result.put("ReferenceData", Map.of("ReferenceItem", Map.of("Key", "Occasion")));
		return Map.of("Result", result);
	}

	SimulatorAnswer pull(JsonNode body) {
		Instant from;
		Instant to;
		try {
			from = LocalDateTime.parse(StkRequestRules.text(body, "StartDate"), PULL_TIME).atZone(Eat.ZONE).toInstant();
			to = LocalDateTime.parse(StkRequestRules.text(body, "EndDate"), PULL_TIME).atZone(Eat.ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			return SimulatorAnswer.error(400, Ids.requestId(), "400.002.02", "Bad Request - Invalid Date");
		}
		this.pullRanges.addLast(new PullRange(from, to));
		while (this.pullRanges.size() > 100) {
			this.pullRanges.pollFirst();
		}
		if (this.pullDown || this.faults.pullError()) {
			return SimulatorAnswer.error(500, Ids.requestId(), "500.003.1001", "Internal Server Error");
		}
		if (!this.pullRegistered.contains(StkRequestRules.text(body, "ShortCode"))) {
			return SimulatorAnswer.error(400, Ids.requestId(), "400.001",
					"Invalid ShortCode: not registered for Pull Transactions");
		}
		int offset;
		try {
			offset = Integer.parseInt(StkRequestRules.text(body, "OffSetValue"));
		}
		catch (NumberFormatException ex) {
			offset = 0;
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SimulatedTransaction t : this.daraja.pulledBetween(from, to)
			.stream()
			.skip(Math.max(0, offset))
			.limit(this.pullPageSize)
			.toList()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("transactionId", t.receipt());
			row.put("trxDate", t.completedAtOrFail().toString());
			row.put("msisdn", Long.parseLong(t.phone()));
			row.put("sender", "SIMULATED");
			row.put("transactiontype", "c2b-pay-bill-debit");
			row.put("billreference", t.accountReference());
			row.put("amount", t.amount() + ".00");
			row.put("organizationname", "Malipo");
			rows.add(row);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("ResponseRefID", Ids.originatorConversationId());
		answer.put("ResponseCode", rows.isEmpty() ? "1001" : "1000");
		answer.put("ResponseMessage", rows.isEmpty() ? "No transactions found" : "Success");
		answer.put("Response", List.of(rows));
		return SimulatorAnswer.ok(answer);
	}

	private static void pauseFor(Duration delay) {
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The org-portal statement for a range, with its preamble, as a CSV document. */
	public String statement(String shortcode, Instant from, Instant to) {
		StringBuilder csv = new StringBuilder();
		csv.append("Organization Name,MALIPO THERAPY LTD\r\n");
		csv.append("Organization Short Code,").append(shortcode).append("\r\n");
		csv.append("Time Period,From ")
			.append(STATEMENT_TIME.format(from))
			.append(" To ")
			.append(STATEMENT_TIME.format(to))
			.append("\r\n");
		csv.append("Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,")
			.append("Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.\r\n");
		long balance = 0;
		for (SimulatedTransaction t : this.daraja.paidBetween(from, to)) {
			balance += t.amount();
			csv.append(String.join(",", t.receipt(), STATEMENT_TIME.format(t.completedAtOrFail()),
					STATEMENT_TIME.format(t.initiatedAt()), "Pay Bill Online", "Completed", money(t.amount()), "",
					money(balance), "true", "Pay Bill Online",
					t.phone().substring(0, 4) + "****" + t.phone().substring(8) + " - SIMULATED CUSTOMER", "",
					t.accountReference()))
				.append("\r\n");
		}
		return csv.toString();
	}

	/**
	 * Shillings with thousands separators and cents, quoted as the portal does:
	 * {@code "1,500.00"}.
	 */
	private static String money(long shillings) {
		return "\"" + String.format(java.util.Locale.ENGLISH, "%,d.00", shillings) + "\"";
	}

}
