package ke.malipo.daraja;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lenient reading of Daraja's JSON, which writes the same field as a number one day and a
 * string the next, omits values, and prefixes descriptions (daraja-reference.md §3, §10).
 */
public final class DarajaJson {

	private static final Pattern PREFIX = Pattern.compile("^\\[[^\\]]*\\]\\s*");

	private DarajaJson() {
	}

	/**
	 * A field as text whether Daraja sent a string or a number; empty when absent or
	 * null.
	 */
	public static Optional<String> text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isMissingNode()) {
			return Optional.empty();
		}
		if (value.isNumber()) {
			BigDecimal number = value.decimalValue();
			return Optional.of((number.scale() > 0 && number.stripTrailingZeros().scale() <= 0)
					? number.toBigInteger().toString() : number.toPlainString());
		}
		String text = value.asString("").strip();
		return text.isEmpty() ? Optional.empty() : Optional.of(text);
	}

	/**
	 * A whole number of shillings from {@code 1500}, {@code 1500.00} or
	 * {@code "1,500.00"}.
	 */
	public static @Nullable Long wholeShillings(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			BigDecimal amount = new BigDecimal(text.replace(",", "").strip());
			return amount.stripTrailingZeros().scale() <= 0 ? amount.longValueExact() : null;
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

	/** A {@code yyyyMMddHHmmss} Nairobi time, given as a number or a string. */
	public static @Nullable Instant timestamp(@Nullable String text) {
		if (text == null || !text.matches("\\d{14}")) {
			return null;
		}
		try {
			return StkPassword.parseTimestamp(text);
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	/** A description without Daraja's {@code [STK_CB - ]} style prefix. */
	public static String withoutPrefix(String description) {
		return PREFIX.matcher(description.strip()).replaceFirst("");
	}

}
