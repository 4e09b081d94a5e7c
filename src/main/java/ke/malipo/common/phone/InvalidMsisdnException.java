package ke.malipo.common.phone;

import ke.malipo.common.problem.MalipoException;

/** A phone number that is not a Kenyan mobile number; the message says why. */
public class InvalidMsisdnException extends MalipoException {

	public InvalidMsisdnException(String reason) {
		super("INVALID_PHONE", "Invalid phone number", reason);
	}

}
