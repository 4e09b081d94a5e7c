package ke.malipo.payments;

/**
 * Where a payment attempt is (architecture.md):
 * {@code INITIATED → AWAITING_CUSTOMER → PAID |
 * FAILED}; {@code INITIATED → FAILED | UNKNOWN};
 * {@code AWAITING_CUSTOMER / UNKNOWN → PAID |
 * FAILED | NEEDS_REVIEW}; {@code NEEDS_REVIEW → PAID | FAILED} only with evidence or an
 * admin's reason.
 */
public enum AttemptState {

	/** Stored, not yet sent to Daraja. */
	INITIATED,
	/** Daraja accepted the push; the customer has the prompt. */
	AWAITING_CUSTOMER,
	/** The money is proven, with its receipt. */
	PAID,
	/** Over without payment, by M-Pesa's final word. */
	FAILED,
	/**
	 * The push may or may not have gone through; never repeated, settled by query or
	 * reconciliation.
	 */
	UNKNOWN,
	/** Only a person (or reconciliation with M-Pesa's evidence) may settle it. */
	NEEDS_REVIEW;

	/** Attempts that may still move money: at most one per session. */
	public boolean isLive() {
		return this == INITIATED || this == AWAITING_CUSTOMER || this == UNKNOWN || this == NEEDS_REVIEW;
	}

	public boolean isFinal() {
		return this == PAID || this == FAILED;
	}

}
