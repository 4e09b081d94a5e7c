package ke.malipo.booking;

/**
 * Where a session is in its life: {@code PENDING → APPROVED → CONFIRMED → COMPLETED},
 * with the exits {@code DECLINED}, {@code CANCELLED} and {@code EXPIRED}.
 */
public enum SessionStatus {

	/** Requested by the client, waiting for the psychologist. */
	PENDING,
	/** Approved; waiting for payment until its pay-by deadline. */
	APPROVED,
	/** Paid: the money is proven. */
	CONFIRMED,
	/** Took place. */
	COMPLETED,
	/** The psychologist said no. */
	DECLINED,
	/** Called off by the client or the psychologist. */
	CANCELLED,
	/**
	 * Not approved before it started, or not paid before its pay-by deadline; the slot is
	 * free again.
	 */
	EXPIRED;

	/** True for statuses a session never leaves. */
	public boolean isFinal() {
		return this == COMPLETED || this == DECLINED || this == CANCELLED || this == EXPIRED;
	}

	/**
	 * True once the psychologist said yes and it was not called off: the session has a
	 * calendar event and a place (meeting link or address) to show.
	 */
	public boolean isAgreed() {
		return this == APPROVED || this == CONFIRMED || this == COMPLETED;
	}

	/** True when the session holds the psychologist's time slot. */
	public boolean holdsSlot() {
		return this == APPROVED || this == CONFIRMED;
	}

}
