package ke.malipo.daraja;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import static ke.malipo.daraja.CodeClass.AMBIGUOUS;
import static ke.malipo.daraja.CodeClass.AUTHENTICATION;
import static ke.malipo.daraja.CodeClass.CONFIGURATION;
import static ke.malipo.daraja.CodeClass.PENDING;
import static ke.malipo.daraja.CodeClass.RETRYABLE;
import static ke.malipo.daraja.CodeClass.SUCCESS;
import static ke.malipo.daraja.CodeClass.USER_FINAL;

/**
 * Every result and error code Daraja is known to send (daraja-reference.md §1, §2.2, §4,
 * §5, §6.7), with its meaning and the words a client reads. One error code
 * ({@code 500.001.1001}) covers unrelated conditions, so entries may also match on
 * message text.
 */
public final class DarajaCodes {

	private static final String RETRY_LATER = "M-Pesa is busy right now. Please try again in a few minutes.";

	private static final String WAITING = "Waiting for you to answer the M-Pesa prompt.";

	private static final String NOT_KNOWN_YET = "M-Pesa has not confirmed the outcome yet. We are checking with M-Pesa; "
			+ "if money left your account, the session will be confirmed or the money returned.";

	private static final String OUR_SIDE = "We could not start the M-Pesa payment because of a problem on our side. "
			+ "Please try again later; we have been alerted.";

	/** STK callback and query ResultCodes (§5). */
	static final List<DarajaCode> RESULTS = List.of(code("0", SUCCESS, null, "Payment received. Thank you!"),
			// Live Daraja's answer to a query while the customer is still at the prompt
			// (2025-2026): HTTP 200 with this ResultCode, not an error.
			code("4999", PENDING, null, WAITING),
			code("1", USER_FINAL, FailureCause.USER,
					"Your M-Pesa balance was not enough for this payment. Top up, then tap Retry."),
			code("2", CONFIGURATION, FailureCause.CONFIGURATION,
					"M-Pesa declined the amount as too small. Please contact us."),
			code("3", CONFIGURATION, FailureCause.CONFIGURATION,
					"M-Pesa declined the amount as above its single-payment limit. Please contact us."),
			code("4", USER_FINAL, FailureCause.USER,
					"This payment would go over your M-Pesa daily limit. Try again tomorrow or use another number."),
			code("8", CONFIGURATION, FailureCause.CONFIGURATION,
					"M-Pesa could not credit our account right now. Please try again later."),
			code("17", USER_FINAL, FailureCause.USER,
					"M-Pesa blocked a repeat of the same payment. Wait two minutes, then tap Retry."),
			code("26", RETRYABLE, FailureCause.DARAJA, RETRY_LATER),
			code("1001", USER_FINAL, FailureCause.USER,
					"Another M-Pesa request is open on your phone. Finish or cancel it, wait a minute, then tap Retry."),
			code("1019", USER_FINAL, FailureCause.USER,
					"The M-Pesa prompt expired before it was answered. Tap Retry to get a new one."),
			code("1025", RETRYABLE, FailureCause.DARAJA,
					"M-Pesa could not send the prompt to your phone. Tap Retry in a moment."),
			code("9999", RETRYABLE, FailureCause.DARAJA,
					"M-Pesa could not send the prompt to your phone. Tap Retry in a moment."),
			code("1032", USER_FINAL, FailureCause.USER, "You cancelled the M-Pesa prompt. Tap Retry to try again."),
			code("1036", USER_FINAL, FailureCause.USER,
					"The prompt could not reach your phone. Check that it is on and has signal, then tap Retry."),
			code("1037", USER_FINAL, FailureCause.USER,
					"We could not reach your phone. Make sure it is on and has signal, then tap Retry."),
			code("2001", USER_FINAL, FailureCause.USER,
					"The M-Pesa PIN was not right. Tap Retry and enter your PIN again."),
			code("2028", CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			code("8006", USER_FINAL, FailureCause.USER,
					"Your M-Pesa PIN is locked. Contact Safaricom to unlock it, then try again."),
			code("SFC_IC0003", CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			code("1050", USER_FINAL, FailureCause.DARAJA,
					"M-Pesa could not complete the payment. Tap Retry to try again."),
			code("1051", USER_FINAL, FailureCause.DARAJA,
					"M-Pesa could not complete the payment. Tap Retry to try again."));

	/** Gateway error codes (§1, §2.2, §4, §6.7), most specific first. */
	static final List<DarajaCode> ERRORS = List.of(error("500.001.1001", "being processed", PENDING, null, WAITING),
			error("500.001.1001", "under processing", PENDING, null, WAITING),
			error("500.001.1001", "Unable to lock subscriber", USER_FINAL, FailureCause.USER,
					"Another M-Pesa request is open on your phone. Finish or cancel it, wait a minute, then tap Retry."),
			error("500.001.1001", "Merchant does not exist", CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("500.001.1001", "Wrong credentials", CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("500.001.1001", null, AMBIGUOUS, FailureCause.DARAJA, RETRY_LATER),
			error("400.002.02", "Invalid PhoneNumber", USER_FINAL, FailureCause.USER,
					"M-Pesa did not accept this phone number. Check it is your M-Pesa number and try again."),
			error("400.002.02", "Invalid PartyA", USER_FINAL, FailureCause.USER,
					"M-Pesa did not accept this phone number. Check it is your M-Pesa number and try again."),
			error("400.002.02", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("400.002.05", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("404.001.01", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("404.001.03", null, AUTHENTICATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("400.003.01", null, AUTHENTICATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("401.002.01", null, AUTHENTICATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("401.001", null, AUTHENTICATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("401.003.01", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("404.001.04", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("404.003.01", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("405.001", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("400.008.01", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("400.008.02", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("400.001", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("400.003.02", null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE),
			error("500.003.02", null, RETRYABLE, FailureCause.DARAJA, RETRY_LATER),
			error("500.003.03", null, RETRYABLE, FailureCause.DARAJA, RETRY_LATER),
			error("500.003.1001", null, AMBIGUOUS, FailureCause.DARAJA, RETRY_LATER),
			error("500.002.1001", null, AMBIGUOUS, FailureCause.DARAJA, RETRY_LATER),
			error("00.002.1001", null, RETRYABLE, FailureCause.DARAJA, RETRY_LATER));

	private DarajaCodes() {
	}

	/**
	 * The meaning of a ResultCode from a callback or query. A code the catalogue does not
	 * know is {@link CodeClass#AMBIGUOUS}: it never fails a payment (Daraja has added
	 * codes before, such as 4999 for "still under processing"), the payment is asked
	 * about again on its schedule, and a person looks if it stays unknown.
	 */
	public static DarajaCode result(String resultCode) {
		String code = resultCode.strip();
		return RESULTS.stream()
			.filter((entry) -> entry.code().equalsIgnoreCase(code))
			.findFirst()
			.orElseGet(() -> code(code, AMBIGUOUS, FailureCause.DARAJA, NOT_KNOWN_YET));
	}

	/**
	 * The meaning of a gateway error answer. An unknown code is ambiguous when the HTTP
	 * status is 5xx (the request may have gone through) and a configuration problem
	 * otherwise.
	 */
	public static DarajaCode error(int httpStatus, @Nullable String errorCode, @Nullable String errorMessage) {
		String code = (errorCode != null) ? errorCode.strip() : "";
		String message = (errorMessage != null) ? errorMessage.toLowerCase(Locale.ROOT) : "";
		Optional<DarajaCode> known = ERRORS.stream()
			.filter((entry) -> entry.code().equals(code))
			.filter((entry) -> entry.messageFragment() == null
					|| message.contains(entry.messageFragment().toLowerCase(Locale.ROOT)))
			.findFirst();
		return known
			.orElseGet(() -> (httpStatus >= 500) ? error(code, null, AMBIGUOUS, FailureCause.DARAJA, RETRY_LATER)
					: error(code, null, CONFIGURATION, FailureCause.CONFIGURATION, OUR_SIDE));
	}

	/** Every entry, for documentation and tests. */
	public static List<DarajaCode> all() {
		return java.util.stream.Stream.concat(RESULTS.stream(), ERRORS.stream()).toList();
	}

	private static DarajaCode code(String code, CodeClass codeClass, @Nullable FailureCause cause, String message) {
		return new DarajaCode(code, null, codeClass, cause, message);
	}

	private static DarajaCode error(String code, @Nullable String fragment, CodeClass codeClass,
			@Nullable FailureCause cause, String message) {
		return new DarajaCode(code, fragment, codeClass, cause, message);
	}

}
