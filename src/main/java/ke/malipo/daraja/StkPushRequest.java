package ke.malipo.daraja;

import java.util.Locale;
import java.util.regex.Pattern;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;

/**
 * One STK push to send: who pays, how much, under which reference, and where M-Pesa posts
 * the result. Validated before anything leaves the process, with Daraja's own limits.
 *
 * @param phone the M-Pesa number that pays and receives the prompt
 * @param amount whole shillings, 1 to 250,000
 * @param reference our short code for the payment (1 to 6 letters or digits); it ends the
 * AccountReference, which M-Pesa echoes on statements as the account number, so a payment
 * can be found in M-Pesa's records even when its callback is lost
 * @param callbackUrl the full HTTPS (or, locally, HTTP) URL for the result
 */
public record StkPushRequest(Msisdn phone, Kes amount, String reference, String callbackUrl) {

	/** Daraja's limit for AccountReference. */
	public static final int ACCOUNT_REFERENCE_MAX = 12;

	/** Daraja's limit for TransactionDesc. */
	public static final int TRANSACTION_DESC_MAX = 13;

	private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9]{1,6}");

	// Compiled once: every push cleans two fields (String.replaceAll compiles per call).
	private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9 ]");

	private static final Pattern SPACES = Pattern.compile(" +");

	public StkPushRequest {
		if (amount.shillings() < 1 || amount.compareTo(Kes.MPESA_MAXIMUM) > 0) {
			throw new IllegalArgumentException("M-Pesa takes 1 to 250,000 shillings in one payment, not " + amount);
		}
		if (!REFERENCE.matcher(reference).matches()) {
			throw new IllegalArgumentException(
					"A payment reference is 1 to 6 letters or digits, not '" + reference + "'");
		}
		String lower = callbackUrl.toLowerCase(Locale.ROOT);
		if (!(lower.startsWith("https://") || lower.startsWith("http://")) || callbackUrl.contains(" ")) {
			throw new IllegalArgumentException("The callback URL must be an absolute http(s) URL without spaces");
		}
	}

	/**
	 * AccountReference, shown in the customer's prompt: the business name, cut to leave
	 * room for our reference, then the reference (e.g. {@code MalipoS1042}).
	 */
	public String accountReference(String businessName) {
		String name = clean(businessName, ACCOUNT_REFERENCE_MAX).replace(" ", "");
		String prefix = name.isEmpty() ? "Pay" : name;
		int room = ACCOUNT_REFERENCE_MAX - this.reference.length();
		return ((prefix.length() <= room) ? prefix : prefix.substring(0, room)) + this.reference;
	}

	/** TransactionDesc: the business name, cleaned and cut to Daraja's limit. */
	public static String transactionDesc(String businessName) {
		String cleaned = clean(businessName, TRANSACTION_DESC_MAX);
		return cleaned.isEmpty() ? "Payment" : cleaned;
	}

	/**
	 * Letters, digits and single spaces only (Daraja rejects or mangles the rest), cut to
	 * a length.
	 */
	static String clean(String text, int max) {
		String cleaned = SPACES.matcher(NOT_ALLOWED.matcher(text).replaceAll("")).replaceAll(" ").strip();
		return (cleaned.length() <= max) ? cleaned : cleaned.substring(0, max).strip();
	}

}
