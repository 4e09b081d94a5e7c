package ke.malipo.finance.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import ke.malipo.common.time.Eat;
import ke.malipo.daraja.StaffWords;
import ke.malipo.finance.internal.Transaction;
import ke.malipo.finance.internal.TransactionLedger;
import org.jspecify.annotations.Nullable;

/**
 * A transaction as the API shows it: times in East Africa Time with their offset, whole
 * shillings, the phone masked.
 */
record TransactionView(UUID paymentId, UUID sessionId, OffsetDateTime date, long amount, Person client,
		Person psychologist, @Nullable String mpesaReceiptNumber, String phoneNumberMasked, String status,
		@Nullable String outcome, OffsetDateTime updatedAt) {

	static TransactionView of(Transaction transaction) {
		return new TransactionView(transaction.id().value(), transaction.sessionId().value(),
				eat(transaction.createdAt()), transaction.amount().shillings(),
				new Person(transaction.clientId().value(), transaction.clientName()),
				new Person(transaction.psychologistId().value(), transaction.psychologistName()), transaction.receipt(),
				transaction.phoneMasked(), transaction.state().name(), StaffWords.of(transaction.outcome()),
				eat(transaction.updatedAt()));
	}

	static OffsetDateTime eat(Instant instant) {
		return instant.atZone(Eat.ZONE).toOffsetDateTime();
	}

	/** Someone on either side of a payment. */
	record Person(UUID id, String name) {
	}

	/** A step of a transaction's history. */
	record Step(OffsetDateTime at, String kind, String detail) {

		static Step of(TransactionLedger.TimelineEntry entry) {
			return new Step(eat(entry.at()), entry.kind(), entry.detail());
		}

		static Step of(ke.malipo.payments.PaymentStep step) {
			return new Step(eat(step.at()), step.kind().name(), step.detail());
		}

	}

}
