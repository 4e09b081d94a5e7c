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
	 * Whether an attempt here may move to {@code next}. The aggregate's named transitions
	 * add their own conditions (a receipt, an amount, a reason); none may leave this
	 * table.
	 */
	public boolean canBecome(AttemptState next) {
		return switch (this) {
			case INITIATED -> next == AWAITING_CUSTOMER || next == FAILED || next == UNKNOWN;
			case AWAITING_CUSTOMER, UNKNOWN -> next == PAID || next == FAILED || next == NEEDS_REVIEW;
			case NEEDS_REVIEW -> next == PAID || next == FAILED;
			// Late money: M-Pesa's proof after a failure is never dropped.
			case FAILED -> next == PAID || next == NEEDS_REVIEW;
			case PAID -> false;
		};
	}

	/**
	 * Settled as far as the person paying is concerned: paid, or failed and free to try
	 * again (a failed attempt still takes money M-Pesa proves later).
	 */
	public boolean isFinal() {
		return this == PAID || this == FAILED;
	}

}
