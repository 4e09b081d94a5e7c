package ke.malipo.common.money;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An M-Pesa receipt number (transaction id), e.g. {@code NLJ7RT61SV}: the proof that
 * money moved, unique per transaction.
 */
public record MpesaReceipt(String value) {

	private static final Pattern SHAPE = Pattern.compile("[A-Z0-9]{8,12}");

	public MpesaReceipt {
		if (!SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("Not an M-Pesa receipt number: " + value);
		}
	}

	/** Reads a receipt as printed anywhere (lower case or padded text is accepted). */
	public static MpesaReceipt parse(String text) {
		return new MpesaReceipt(text.strip().toUpperCase(Locale.ROOT));
	}

	/** The receipt, when the text is one. */
	public static java.util.Optional<MpesaReceipt> tryParse(@org.jspecify.annotations.Nullable String text) {
		if (text == null) {
			return java.util.Optional.empty();
		}
		String candidate = text.strip().toUpperCase(Locale.ROOT);
		return SHAPE.matcher(candidate).matches() ? java.util.Optional.of(new MpesaReceipt(candidate))
				: java.util.Optional.empty();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
