package ke.malipo.finance.web;

import java.util.UUID;

import ke.malipo.common.pages.PageWords;
import ke.malipo.daraja.StaffWords;
import ke.malipo.finance.internal.Transaction;
import ke.malipo.payments.AttemptState;
import org.jspecify.annotations.Nullable;

/** A transaction as a row of a page: money as KES 1,500, times in East Africa Time. */
record TransactionRow(UUID id, UUID sessionId, String when, String amount, String client, String psychologist,
		@Nullable String receipt, String phone, String state, @Nullable String outcome) {

	/** As the client who paid reads it: the outcome in their own words. */
	static TransactionRow of(Transaction transaction) {
		return of(transaction, transaction.outcome());
	}

	/**
	 * As staff read it (admins, psychologists): what happened, not the customer's
	 * instructions.
	 */
	static TransactionRow forStaff(Transaction transaction) {
		return of(transaction, StaffWords.of(transaction.outcome()));
	}

	private static TransactionRow of(Transaction transaction, @Nullable String outcome) {
		return new TransactionRow(transaction.id().value(), transaction.sessionId().value(),
				PageWords.when(transaction.createdAt()), transaction.amount().display(), transaction.clientName(),
				transaction.psychologistName(), transaction.receipt(), transaction.phoneMasked(),
				transaction.state().name(), outcome);
	}

	public boolean paid() {
		return AttemptState.PAID.name().equals(this.state);
	}

}
