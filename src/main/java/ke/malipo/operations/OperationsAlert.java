package ke.malipo.operations;

/**
 * A figure crossed its threshold (the same as the Prometheus alert of that name): admins
 * are told. The same alert is told at most once per {@code period}, however many nodes
 * notice it.
 *
 * @param kind which: COMPLETION_LOW, ERROR_RATE_HIGH, PROCESSING_SLOW,
 * PAYMENT_UNRESOLVED, MPESA_CIRCUIT_OPEN or RECONCILIATION_OPEN
 * @param value the figure, as people read it ("91%", "74 s", "2 h 5 min", "3")
 * @param threshold what it should be ("above 95%")
 * @param period the hour (East Africa Time, 2026-11-30T14) it was noticed in
 */
public record OperationsAlert(String kind, String value, String threshold, String period) {
}
