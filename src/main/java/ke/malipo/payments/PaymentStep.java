package ke.malipo.payments;

import java.time.Instant;

/**
 * One step of a payment's timeline: our request, Daraja's answers, callbacks, queries,
 * state changes and people's decisions, in the words the finance desk shows.
 */
public record PaymentStep(Instant at, HistoryKind kind, String detail) {
}
