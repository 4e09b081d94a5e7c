package ke.malipo.booking;

import ke.malipo.common.problem.MalipoException;

/** The session is paid; it needs no other payment. */
public class SessionAlreadyPaid extends MalipoException {

	public SessionAlreadyPaid() {
		super("ALREADY_PAID", "Already paid", "This session is already paid.");
	}

}
