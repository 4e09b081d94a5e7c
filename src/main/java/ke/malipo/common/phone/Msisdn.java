package ke.malipo.common.phone;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Kenyan mobile number in the form Daraja wants: {@code 254} followed by a nine-digit
 * subscriber number starting with 7 or 1 ({@code 2547XXXXXXXX}, {@code 2541XXXXXXXX}).
 * <p>
 * People type numbers in many ways ({@code 0712 345 678}, {@code +254-712-345678},
 * {@code 712345678}); {@link #parse(String)} accepts those and refuses everything else
 * with a reason a person can act on. Networks are validated loosely on purpose: prefixes
 * move between operators and numbers are ported, so only the shape is checked here.
 */
public final class Msisdn {

	private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-]");

	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private final String value;

	private Msisdn(String value) {
		this.value = value;
	}

	/**
	 * Parses a number as a person typed it.
	 * @throws InvalidMsisdnException with a reason when the text is not a Kenyan mobile
	 * number
	 */
	@JsonCreator
	public static Msisdn parse(String text) {
		String compact = SEPARATORS.matcher(text.strip()).replaceAll("");
		if (compact.isEmpty()) {
			throw new InvalidMsisdnException("Enter your M-Pesa phone number.");
		}
		String digits = compact.startsWith("+") ? compact.substring(1) : compact;
		if (!DIGITS.matcher(digits).matches()) {
			throw new InvalidMsisdnException("A phone number may contain only digits, spaces, dashes and a leading +.");
		}
		if (compact.startsWith("+") && !digits.startsWith("254")) {
			throw new InvalidMsisdnException("Only Kenyan (+254) M-Pesa numbers can be used.");
		}
		String subscriber = subscriberPart(digits);
		if (subscriber.charAt(0) != '7' && subscriber.charAt(0) != '1') {
			throw new InvalidMsisdnException("That is not a Kenyan mobile number: it should start with 07 or 01.");
		}
		return new Msisdn("254" + subscriber);
	}

	/** The number, when the text is a Kenyan mobile number in any accepted spelling. */
	public static java.util.Optional<Msisdn> tryParse(@org.jspecify.annotations.Nullable String text) {
		if (text == null) {
			return java.util.Optional.empty();
		}
		try {
			return java.util.Optional.of(parse(text));
		}
		catch (InvalidMsisdnException ex) {
			return java.util.Optional.empty();
		}
	}

	private static String subscriberPart(String digits) {
		if (digits.startsWith("254") && digits.length() == 12) {
			return digits.substring(3);
		}
		if (digits.startsWith("0") && digits.length() == 10) {
			return digits.substring(1);
		}
		if (digits.length() == 9 && !digits.startsWith("0")) {
			return digits;
		}
		if (digits.startsWith("254")) {
			throw new InvalidMsisdnException("A number starting with 254 needs 9 more digits, e.g. 254712345678.");
		}
		if (digits.startsWith("0")) {
			throw new InvalidMsisdnException("A number starting with 0 has 10 digits, e.g. 0712 345 678.");
		}
		throw new InvalidMsisdnException("Enter a Kenyan mobile number such as 0712 345 678.");
	}

	/**
	 * The twelve digits Daraja expects, e.g. {@code 254712345678}; also its JSON form in
	 * stored events.
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/** The number as Kenyans write it: {@code 0712 345 678}. */
	public String local() {
		return "0" + this.value.substring(3, 6) + " " + this.value.substring(6, 9) + " " + this.value.substring(9);
	}

	/** A form safe for logs and screens: {@code 2547*****678}. */
	public String masked() {
		return mask(this.value);
	}

	/**
	 * Masks any run of digits that may be a phone number, keeping the first four and the
	 * last three digits. Used by the logging setup, which sees numbers in arbitrary text.
	 */
	public static String mask(String digits) {
		if (digits.length() <= 7) {
			return "*".repeat(digits.length());
		}
		return digits.substring(0, 4) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 3);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Msisdn msisdn && msisdn.value.equals(this.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	/** Masked on purpose: a number must never reach a log line by accident. */
	@Override
	public String toString() {
		return masked();
	}

}
