package ke.malipo.daraja;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import ke.malipo.common.money.MpesaReceipt;

/**
 * One row of an M-Pesa org-portal statement.
 *
 * @param paidIn whole shillings received, or null for rows that moved money out
 * @param withdrawn whole shillings paid out (charges, transfers) as a positive number, or
 * null
 * @param otherParty the counterparty as the portal prints it (often a masked number and a
 * name)
 * @param linkedTransactionId the receipt a charge or reversal belongs to
 * @param accountNumber the account reference the customer paid against
 */
public record StatementLine(MpesaReceipt receipt, @Nullable Instant completedAt, @Nullable Instant initiatedAt,
		String details, String status, @Nullable Long paidIn, @Nullable Long withdrawn, @Nullable String reasonType,
		@Nullable String otherParty, @Nullable String linkedTransactionId, @Nullable String accountNumber) {

	/** Completed money in: what reconciliation matches against payments. */
	public boolean isCompletedPayment() {
		return "Completed".equalsIgnoreCase(this.status) && this.paidIn != null && this.paidIn > 0;
	}

}
