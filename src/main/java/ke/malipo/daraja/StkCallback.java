package ke.malipo.daraja;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An STK callback as M-Pesa posted it, read leniently: the result code as text (it can be
 * {@code "SFC_IC0003"}), the description without Daraja's {@code [STK_CB - ]} prefixes,
 * and the metadata items present only on success.
 */
public record StkCallback(MerchantRequestId merchantRequestId, CheckoutRequestId checkoutRequestId, String resultCode,
		String resultDescription, @Nullable Long amount, @Nullable MpesaReceipt receipt,
		@Nullable Instant transactionDate, @Nullable String phoneNumber) {

	public DarajaCode code() {
		return DarajaCodes.result(this.resultCode);
	}

	public boolean paid() {
		return code().codeClass() == CodeClass.SUCCESS;
	}

}
