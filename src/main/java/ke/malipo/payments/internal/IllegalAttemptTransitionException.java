package ke.malipo.payments.internal;

import java.util.Locale;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.payments.AttemptState;

/** A move the payment attempt's life does not allow; names both states. */
public class IllegalAttemptTransitionException extends MalipoException {

	public IllegalAttemptTransitionException(AttemptState from, AttemptState to) {
		super("ILLEGAL_PAYMENT_TRANSITION", "Not possible in this state",
				"A payment that is " + from.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " cannot become "
						+ to.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".");
		with("from", from.name());
		with("to", to.name());
	}

}
