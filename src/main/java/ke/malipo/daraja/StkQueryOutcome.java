package ke.malipo.daraja;

/**
 * What an STK query learned. Daraja's query never carries the receipt, amount or phone: a
 * {@link Completed} success says the money moved, and the callback or Transaction Status
 * supplies the receipt.
 */
public sealed interface StkQueryOutcome {

	/** The customer has not finished (or M-Pesa has not): ask again later. */
	record Pending(String darajaMessage) implements StkQueryOutcome {
	}

	/** The push is over with this result. */
	record Completed(String resultCode, String resultDescription, DarajaCode code) implements StkQueryOutcome {

		public boolean paid() {
			return this.code.codeClass() == CodeClass.SUCCESS;
		}

	}

	/**
	 * No answer worth trusting (timeout, rate limit, open circuit, unknown
	 * CheckoutRequestID): try later.
	 */
	record Unknown(String reason) implements StkQueryOutcome {
	}

}
