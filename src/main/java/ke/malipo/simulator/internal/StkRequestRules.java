package ke.malipo.simulator.internal;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import ke.malipo.common.http.HttpAddress;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Daraja's field checks for STK push, in Daraja's order: the first broken field is named
 * in {@code 400.002.02 Bad Request - Invalid <Field>}.
 */
final class StkRequestRules {

	private static final List<String> BANNED = List.of("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql",
			"query");

	// Compiled once: the simulator checks every push it is sent.
	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private static final Pattern MSISDN = Pattern.compile("254[17]\\d{8}");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

	/** Live Daraja accepts 15 ("UMJ-2026-000123"); the documented 12 is out of date. */
	static final int MAX_ACCOUNT_REFERENCE = 15;

	/** Popular SDKs send 20 ("Lipa na mpesa online") and are accepted. */
	static final int MAX_TRANSACTION_DESC = 20;

	private StkRequestRules() {
	}

	/**
	 * The first invalid field, or empty when the request has Daraja's shape. Lengths are
	 * those live Daraja accepts today (daraja-reference.md, corrections 2025-2026): an
	 * AccountReference of 15 characters and a TransactionDesc of 20 pass, a missing
	 * TransactionDesc is "Invalid Remarks", and a number wrong in both PartyA and
	 * PhoneNumber is named as the PhoneNumber.
	 */
	static Optional<String> firstInvalidField(JsonNode body) {
		if (!digits(body, "BusinessShortCode", 5, 7)) {
			return Optional.of("BusinessShortCode");
		}
		if (text(body, "Password").isEmpty()) {
			return Optional.of("Password");
		}
		if (!timestamp(text(body, "Timestamp"))) {
			return Optional.of("Timestamp");
		}
		String type = text(body, "TransactionType");
		if (!type.equals("CustomerPayBillOnline") && !type.equals("CustomerBuyGoodsOnline")) {
			return Optional.of("TransactionType");
		}
		if (amount(body) == null) {
			return Optional.of("Amount");
		}
		boolean partyA = msisdn(text(body, "PartyA"));
		boolean phone = msisdn(text(body, "PhoneNumber"));
		if (!partyA && !phone) {
			return Optional.of("PhoneNumber");
		}
		if (!partyA) {
			return Optional.of("PartyA");
		}
		if (!digits(body, "PartyB", 5, 7)) {
			return Optional.of("PartyB");
		}
		if (!phone) {
			return Optional.of("PhoneNumber");
		}
		if (!callbackUrl(text(body, "CallBackURL"))) {
			return Optional.of("CallBackURL");
		}
		String reference = text(body, "AccountReference");
		if (reference.isEmpty() || reference.length() > MAX_ACCOUNT_REFERENCE) {
			return Optional.of("AccountReference");
		}
		String description = text(body, "TransactionDesc");
		if (description.isEmpty() || description.length() > MAX_TRANSACTION_DESC) {
			return Optional.of("Remarks");
		}
		return Optional.empty();
	}

	/** Whole shillings 1 to 250,000; decimals (even {@code 100.50}) are invalid. */
	static @Nullable Long amount(JsonNode body) {
		JsonNode node = body.get("Amount");
		if (node == null || !(node.isNumber() || node.isString())) {
			return null;
		}
		try {
			BigDecimal value = new BigDecimal(node.asString().strip());
			if (value.stripTrailingZeros().scale() > 0) {
				return null;
			}
			long shillings = value.longValueExact();
			return (shillings >= 1 && shillings <= 250_000) ? shillings : null;
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

	static String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull()) {
			return "";
		}
		return node.isNumber() ? node.asString() : node.asString("").strip();
	}

	private static boolean digits(JsonNode body, String field, int min, int max) {
		String text = text(body, field);
		return text.length() >= min && text.length() <= max && DIGITS.matcher(text).matches();
	}

	private static boolean msisdn(String text) {
		return MSISDN.matcher(text).matches();
	}

	private static boolean timestamp(String text) {
		if (text.length() != 14 || !DIGITS.matcher(text).matches()) {
			return false;
		}
		try {
			LocalDateTime.parse(text, TIMESTAMP);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private static boolean callbackUrl(String text) {
		if (text.isEmpty() || text.contains(" ")) {
			return false;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		if (BANNED.stream().anyMatch(lower::contains)) {
			return false;
		}
		return HttpAddress.parse(text).isPresent();
	}

}
