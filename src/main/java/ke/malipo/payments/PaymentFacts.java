package ke.malipo.payments;

import java.time.Instant;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A payment attempt as it stands after a change, carried by every {@link PaymentEvent} so
 * that a listener never has to ask {@code payments} what happened.
 *
 * @param reference the six characters that end the STK AccountReference
 * @param outcome our reason (for the client on failure, for the admin in review) or
 * M-Pesa's words, when there is one
 * @param version grows with every stored change: a listener that has seen a higher one
 * ignores an older snapshot delivered late or again
 */
public record PaymentFacts(PaymentId id, SessionId sessionId, UserId clientId, UserId psychologistId, Kes amount,
		Msisdn phone, String reference, AttemptState state, @Nullable CheckoutRequestId checkoutRequestId,
		@Nullable MpesaReceipt receipt, @Nullable String resultCode, @Nullable String outcome, Instant createdAt,
		Instant updatedAt, long version) {
}
