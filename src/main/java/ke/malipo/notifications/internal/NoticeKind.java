package ke.malipo.notifications.internal;

/** What a notice is about; stored by name and shown to clients of the API. */
enum NoticeKind {

	/** A client asked the psychologist for a session. */
	SESSION_REQUESTED,
	/** The psychologist approved: pay before the deadline. */
	SESSION_APPROVED,
	/** The psychologist declined, with the reason when given. */
	SESSION_DECLINED,
	/** The other party cancelled, with the reason when given. */
	SESSION_CANCELLED,
	/** Not approved before it started, or not paid by its deadline. */
	SESSION_EXPIRED,
	/** The other party moved the session to another time. */
	SESSION_RESCHEDULED,
	/** The money is proven and the session confirmed. */
	PAYMENT_CONFIRMED,
	/** The payment did not go through, with the reason. */
	PAYMENT_FAILED,
	/** The pay-by deadline is near and the session is not paid (SMS). */
	PAYMENT_DUE,
	/** A confirmed session is tomorrow (SMS, Property 64). */
	REMINDER_DAY_BEFORE,
	/** A confirmed session starts in an hour (SMS, Property 65). */
	REMINDER_HOUR_BEFORE,
	/** Reconciliation found differences nobody has explained yet (to admins). */
	RECONCILIATION_ALERT,
	/** A figure operations watch crossed its threshold (to admins). */
	OPERATIONS_ALERT,
	/** Fraud signals flagged a payment (to admins). */
	FRAUD_ALERT,
	/** A link to choose a new password, asked for on the sign-in page (email only). */
	PASSWORD_RESET;

	/**
	 * Whether it reminds someone of a session: sent only while the session still needs
	 * it, and only to people who take SMS reminders.
	 */
	boolean isReminder() {
		return this == PAYMENT_DUE || this == REMINDER_DAY_BEFORE || this == REMINDER_HOUR_BEFORE;
	}

}
