package ke.malipo.daraja;

import java.util.regex.Pattern;

/** Daraja's merchant-side id of one STK push (e.g. {@code 29115-34620561-1}). */
public record MerchantRequestId(String value) {

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_\\-]{1,100}");

	public MerchantRequestId {
		if (!SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("Not a MerchantRequestID: " + value);
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
