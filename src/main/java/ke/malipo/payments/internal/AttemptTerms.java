package ke.malipo.payments.internal;

import java.time.Instant;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import ke.malipo.payments.PaymentId;

/**
 * What an attempt asked for, fixed when it is created: who pays whom, how much, from
 * which phone, under which reference.
 *
 * @param reference the six characters that end the STK AccountReference
 */
record AttemptTerms(PaymentId id, SessionId sessionId, UserId clientId, UserId psychologistId, Kes amount, Msisdn phone,
		String reference, Instant createdAt) {
	/**
	 * The short code that ends the STK AccountReference: six base-36 characters drawn
	 * from the id's random bits (over two billion values; the database keeps them
	 * unique).
	 */
	static String referenceOf(PaymentId id) {
		long space = 36L * 36 * 36 * 36 * 36 * 36;
		long value = Math.floorMod(id.value().getLeastSignificantBits() ^ id.value().getMostSignificantBits(), space);
		String code = Long.toString(value, 36).toUpperCase(java.util.Locale.ROOT);
		return "0".repeat(6 - code.length()) + code;
	}

}
