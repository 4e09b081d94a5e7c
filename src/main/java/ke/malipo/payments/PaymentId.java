package ke.malipo.payments;

import java.util.UUID;

/** The identity of one payment attempt. */
public record PaymentId(UUID value) {

	public static PaymentId random() {
		return new PaymentId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
