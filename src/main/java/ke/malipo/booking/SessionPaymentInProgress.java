package ke.malipo.booking;

import ke.malipo.common.problem.MalipoException;

/**
 * A payment for the session is under way: it cannot be paid again, or cancelled, until
 * its outcome is known.
 */
public class SessionPaymentInProgress extends MalipoException {

	public SessionPaymentInProgress(String detail) {
		super("PAYMENT_IN_PROGRESS", "Payment in progress", detail);
	}

}
