package ke.malipo.simulator.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Daraja's field checks for STK push, in Daraja's order: the first broken field is named
 * in {@code 400.002.02 Bad Request - Invalid <Field>}.
 */
final class StkRequestRules {

	private static final List<String> BANNED = List.of("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql",
			"query");

	private StkRequestRules() {
	}

	/** The first invalid field, or empty when the request has Daraja's shape. */
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
		if (!msisdn(text(body, "PartyA"))) {
			return Optional.of("PartyA");
		}
		if (!digits(body, "PartyB", 5, 7)) {
			return Optional.of("PartyB");
		}
		if (!msisdn(text(body, "PhoneNumber"))) {
			return Optional.of("PhoneNumber");
		}
		if (!callbackUrl(text(body, "CallBackURL"))) {
			return Optional.of("CallBackURL");
		}
		String reference = text(body, "AccountReference");
		if (reference.isEmpty() || reference.length() > 12) {
			return Optional.of("AccountReference");
		}
		if (text(body, "TransactionDesc").length() > 13) {
			return Optional.of("TransactionDesc");
		}
		return Optional.empty();
	}

	/** Whole shillings 1 to 250,000; decimals (even {@code 100.50}) are invalid. */
	static Long amount(JsonNode body) {
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
		return text(body, field).matches("\\d{" + min + "," + max + "}");
	}

	private static boolean msisdn(String text) {
		return text.matches("254[17]\\d{8}");
	}

	private static boolean timestamp(String text) {
		if (!text.matches("\\d{14}")) {
			return false;
		}
		try {
			LocalDateTime.parse(text, DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
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
		try {
			URI uri = URI.create(text);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
