package ke.malipo.daraja;

import java.util.regex.Pattern;

/**
 * Daraja's id of one STK push, the key that ties the prompt, its callback and every query
 * together (e.g. {@code ws_CO_191220191020363925}).
 */
public record CheckoutRequestId(String value) {

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_\\-]{1,100}");

	public CheckoutRequestId {
		if (!SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("Not a CheckoutRequestID: " + value);
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
