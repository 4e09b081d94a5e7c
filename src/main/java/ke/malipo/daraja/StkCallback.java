package ke.malipo.daraja;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import ke.malipo.common.money.MpesaReceipt;

/**
 * An STK callback as M-Pesa posted it, read leniently: the result code as text (it can be
 * {@code "SFC_IC0003"}), the description without Daraja's {@code [STK_CB - ]} prefixes.
 * Either the money moved ({@link Paid}, with the receipt and amount M-Pesa reports) or it
 * did not, or not yet, or M-Pesa said something nobody has documented ({@link NotPaid}:
 * what that means is in its {@link #code()}).
 */
public sealed interface StkCallback {

	MerchantRequestId merchantRequestId();

	CheckoutRequestId checkoutRequestId();

	String resultCode();

	String resultDescription();

	/** What the result code means. */
	default DarajaCode code() {
		return DarajaCodes.result(resultCode());
	}

	/**
	 * ResultCode 0, with its metadata: the receipt and amount always (a success without
	 * them is refused as malformed), the date and paying number when M-Pesa sends them.
	 */
	record Paid(MerchantRequestId merchantRequestId, CheckoutRequestId checkoutRequestId, String resultCode,
			String resultDescription, MpesaReceipt receipt, long amount, @Nullable Instant transactionDate,
			@Nullable String phoneNumber) implements StkCallback {
	}

	/** Any other ResultCode: a failure, still pending, or not known (see its code). */
	record NotPaid(MerchantRequestId merchantRequestId, CheckoutRequestId checkoutRequestId, String resultCode,
			String resultDescription) implements StkCallback {
	}

}
