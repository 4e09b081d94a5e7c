package ke.malipo.finance;

import java.util.Optional;

import ke.malipo.booking.SessionId;

/**
 * The PDF receipt of a paid session, for other modules that hand it to its client (the
 * confirmation email); empty while the session is not paid or finance has not yet heard
 * of the payment.
 */
public interface ReceiptDocuments {

	Optional<ReceiptDocument> forSession(SessionId session);

	/**
	 * A receipt and its PDF.
	 *
	 * @param number the M-Pesa receipt number (or our reference while it is to follow)
	 */
	record ReceiptDocument(String number, byte[] pdf) {
	}

}
