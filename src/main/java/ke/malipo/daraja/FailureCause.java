package ke.malipo.daraja;

/** Who has to act for a refused request to succeed. */
public enum FailureCause {

	/** The customer: cancelled, wrong PIN, no funds, phone off, a prompt already open. */
	USER,
	/** Our settings: key and secret, shortcode, passkey, product, callback URL. */
	CONFIGURATION,
	/** Safaricom's side: busy, rate-limited, failing. Trying again later may work. */
	DARAJA

}
