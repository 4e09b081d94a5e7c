package ke.malipo.reconciliation;

import java.time.Instant;
import java.util.UUID;

/**
 * A settled payment disagrees with M-Pesa's own record of its receipt, found as it
 * happened (when the payment settled, or when the record arrived), not at the next run.
 *
 * @param problem {@code AMOUNT_MISMATCH}, {@code PHONE_MISMATCH} or
 * {@code RECEIPT_OF_ANOTHER_PAYMENT}
 * @param detail what differs, in words (no full phone numbers)
 */
public record MismatchFound(UUID findingId, UUID paymentId, UUID sessionId, String problem, String receipt,
		String detail, Instant foundAt) {
}
