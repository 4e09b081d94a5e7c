package ke.malipo.daraja;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import ke.malipo.common.money.MpesaReceipt;

/**
 * What M-Pesa posted to the ResultURL of a Transaction Status query: M-Pesa's own record
 * of a receipt, the strongest evidence reconciliation has.
 *
 * @param resultCode 0 when the query itself succeeded (as text: codes may be strings)
 * @param transactionStatus M-Pesa's word for the transaction, e.g. {@code Completed}
 */
public record TransactionStatusResult(String resultCode, String resultDescription, @Nullable String conversationId,
		@Nullable String originatorConversationId, @Nullable MpesaReceipt receipt, @Nullable Long amount,
		@Nullable String transactionStatus, @Nullable String debitPartyName, @Nullable Instant finalisedAt) {

	public boolean found() {
		return "0".equals(this.resultCode);
	}

	public boolean completed() {
		return found() && "Completed".equalsIgnoreCase(this.transactionStatus);
	}

}
