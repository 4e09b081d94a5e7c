package ke.malipo.daraja;

import java.util.Locale;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;

/**
 * One STK push to send: who pays, how much, under which reference, and where M-Pesa posts
 * the result. Validated before anything leaves the process, with Daraja's own limits.
 *
 * @param phone the M-Pesa number that pays and receives the prompt
 * @param amount whole shillings, 1 to 250,000
 * @param reference our reference for the payment, shown as TransactionDesc (13 characters
 * at most after cleaning)
 * @param callbackUrl the full HTTPS (or, locally, HTTP) URL for the result
 */
public record StkPushRequest(Msisdn phone, Kes amount, String reference, String callbackUrl) {

	/** Daraja's limit for AccountReference. */
	public static final int ACCOUNT_REFERENCE_MAX = 12;

	/** Daraja's limit for TransactionDesc. */
	public static final int TRANSACTION_DESC_MAX = 13;

	public StkPushRequest {
		if (amount.shillings() < 1 || amount.compareTo(Kes.MPESA_MAXIMUM) > 0) {
			throw new IllegalArgumentException("M-Pesa takes 1 to 250,000 shillings in one payment, not " + amount);
		}
		if (clean(reference, TRANSACTION_DESC_MAX).isEmpty()) {
			throw new IllegalArgumentException("A payment reference needs letters or digits");
		}
		String lower = callbackUrl.toLowerCase(Locale.ROOT);
		if (!(lower.startsWith("https://") || lower.startsWith("http://")) || callbackUrl.contains(" ")) {
			throw new IllegalArgumentException("The callback URL must be an absolute http(s) URL without spaces");
		}
	}

	/** AccountReference: the business name as the customer sees it in the prompt. */
	public static String accountReference(String businessName) {
		String cleaned = clean(businessName, ACCOUNT_REFERENCE_MAX);
		return cleaned.isEmpty() ? "Payment" : cleaned;
	}

	/** TransactionDesc: our reference, cleaned and cut to Daraja's limit. */
	public String transactionDesc() {
		return clean(this.reference, TRANSACTION_DESC_MAX);
	}

	/**
	 * Letters, digits and single spaces only (Daraja rejects or mangles the rest), cut to
	 * a length.
	 */
	static String clean(String text, int max) {
		String cleaned = text.replaceAll("[^A-Za-z0-9 ]", "").replaceAll(" +", " ").strip();
		return (cleaned.length() <= max) ? cleaned : cleaned.substring(0, max).strip();
	}

}
