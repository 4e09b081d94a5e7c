package ke.malipo.daraja;

import java.time.Instant;
import ke.malipo.common.money.MpesaReceipt;

/**
 * Safaricom's Daraja API as Malipo uses it. Every method answers with a typed outcome and
 * never throws for anything Daraja can say; only programming errors throw.
 */
public interface Daraja {

	/**
	 * Sends an M-Pesa Express prompt. Never retried automatically once it may have left
	 * the process: a repeated push can charge a customer twice.
	 */
	StkPushOutcome stkPush(StkPushRequest request);

	/**
	 * Asks how an STK push ended; "still being processed" is
	 * {@link StkQueryOutcome.Pending}.
	 */
	StkQueryOutcome stkQuery(CheckoutRequestId checkoutRequestId);

	/**
	 * Asks M-Pesa for a transaction's status by receipt; the answer is posted later to
	 * {@code resultUrl}. Returns Daraja's conversation id, or empty when the request was
	 * refused. (Reconciliation, issue 12, is its first user.)
	 */
	java.util.Optional<String> transactionStatus(MpesaReceipt receipt, String resultUrl, String timeoutUrl);

	/**
	 * Registers the shortcode for Pull Transactions (once per shortcode; registering
	 * again is harmless: Daraja answers "already registered"). True when the shortcode is
	 * registered now.
	 * @param callbackUrl where M-Pesa may post Pull notices
	 */
	boolean registerPull(String callbackUrl);

	/**
	 * Every transaction received by the shortcode in a time range (Pull API, last 48
	 * hours), read page after page with Daraja's row offset until none are left. A page
	 * that fails ends the reading early, and the reading then says it is incomplete and
	 * why: "M-Pesa could not be asked" is never answered as "nothing was paid".
	 */
	PullReading pullTransactions(Instant from, Instant to);

	/**
	 * The full URL M-Pesa should post results to for this path of ours (e.g.
	 * {@code /hooks/stk/abc}), under the configured public callback address.
	 */
	String callbackUrl(String path);

	/** Checks the credentials end to end and says in plain words what is wrong. */
	CredentialReport checkCredentials();

	/** Whether calls are flowing, failing over, or cut off by the circuit breaker. */
	CircuitState circuitState();

	/** The state of the circuit breaker in front of Daraja. */
	enum CircuitState {

		/** Calls flow normally. */
		CLOSED,
		/** Too many failures: calls are refused for a while without reaching Daraja. */
		OPEN,
		/** Trying a few calls to see whether Daraja has recovered. */
		HALF_OPEN

	}

}
