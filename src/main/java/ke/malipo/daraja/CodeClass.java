package ke.malipo.daraja;

/** What a Daraja result or error code means for the payment that received it. */
public enum CodeClass {

	/** The money moved (or the request was accepted). */
	SUCCESS,
	/** Over, and the customer caused it; a new attempt may be made. */
	USER_FINAL,
	/**
	 * Over, because our configuration is wrong; retrying will not help until it is fixed.
	 */
	CONFIGURATION,
	/**
	 * Refused before anything happened; the same request may be sent again after a pause.
	 */
	RETRYABLE,
	/** Not finished yet: ask again later. */
	PENDING,
	/** We cannot know whether it went through; never repeat blindly, settle by query. */
	AMBIGUOUS,
	/** The access token was refused: get a new one and try once more. */
	AUTHENTICATION

}
