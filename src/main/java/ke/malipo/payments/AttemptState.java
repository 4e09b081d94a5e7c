package ke.malipo.payments;

/**
 * Where a payment attempt is (architecture.md):
 * {@code INITIATED → AWAITING_CUSTOMER → PAID |
 * FAILED}; {@code INITIATED → FAILED | UNKNOWN};
 * {@code AWAITING_CUSTOMER / UNKNOWN → PAID |
 * FAILED | NEEDS_REVIEW}; {@code NEEDS_REVIEW / UNKNOWN → PAID | FAILED} with evidence or
 * an admin's reason; {@code FAILED → PAID | NEEDS_REVIEW} only when M-Pesa proves money
 * moved after all (late money is never dropped). PAID never changes.
 */
public enum AttemptState {

	/** Stored, not yet sent to Daraja. */
	INITIATED,
	/** Daraja accepted the push; the customer has the prompt. */
	AWAITING_CUSTOMER,
	/**
	 * The money is proven, with its receipt (or, proven by a query, receipt to follow).
	 */
	PAID,
	/**
	 * Over without payment, by M-Pesa's final word (or an admin's); M-Pesa's later proof
	 * of payment still counts.
	 */
	FAILED,
	/**
	 * The push may or may not have gone through; never repeated, settled by query or
	 * reconciliation.
	 */
	UNKNOWN,
	/** Only a person (or reconciliation with M-Pesa's evidence) may settle it. */
	NEEDS_REVIEW;

	/**
	 * Attempts that may still move money: at most one per session. (A NEEDS_REVIEW
	 * attempt that already holds its receipt is not live: its money is known.)
	 */
	public boolean isLive() {
		return this == INITIATED || this == AWAITING_CUSTOMER || this == UNKNOWN || this == NEEDS_REVIEW;
	}

	public boolean isFinal() {
		return this == PAID || this == FAILED;
	}

}
