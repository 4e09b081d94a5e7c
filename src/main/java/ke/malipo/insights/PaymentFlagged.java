package ke.malipo.insights;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A payment's fraud signals crossed the line (or, already flagged, found new reasons):
 * the finance desk shows it with its reasons. Reasons are stable words (e.g.
 * {@code SHARED_PHONE}, {@code MODEL}); the score is the sum of their weights.
 */
public record PaymentFlagged(UUID paymentId, int score, List<String> reasons, Instant flaggedAt) {
}
