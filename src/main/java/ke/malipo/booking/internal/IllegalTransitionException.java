package ke.malipo.booking.internal;

import ke.malipo.booking.SessionStatus;
import ke.malipo.common.problem.MalipoException;

/**
 * A move the session's life does not allow; names where it is and where it was asked to
 * go.
 */
public class IllegalTransitionException extends MalipoException {

	public IllegalTransitionException(SessionStatus from, SessionStatus to, String detail) {
		super("ILLEGAL_TRANSITION", "Not possible in this state", detail);
		with("from", from.name());
		with("to", to.name());
	}

	public IllegalTransitionException(SessionStatus from, SessionStatus to) {
		this(from, to, "This session is " + from.name().toLowerCase(java.util.Locale.ROOT) + ", so it cannot become "
				+ to.name().toLowerCase(java.util.Locale.ROOT) + ".");
	}

}
