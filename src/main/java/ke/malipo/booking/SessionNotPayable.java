package ke.malipo.booking;

import ke.malipo.common.problem.MalipoException;

/**
 * The session cannot be paid now: it is not approved (pending, declined, expired…) or its
 * pay-by time has passed.
 */
public class SessionNotPayable extends MalipoException {

	public SessionNotPayable(SessionStatus status, String detail) {
		super("SESSION_NOT_PAYABLE", "Session not payable", detail);
		with("status", status.name());
	}

}
