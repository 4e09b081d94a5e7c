package ke.malipo.booking.internal;

import ke.malipo.common.money.Kes;
import ke.malipo.common.problem.MalipoException;

/**
 * What can go wrong with a booking, each named after what happened. How they read over
 * HTTP is declared in {@code booking.web}.
 */
public final class BookingFailures {

	private BookingFailures() {
	}

	/** The client already has as many requests waiting for an answer as allowed. */
	public static final class TooManyOpenRequests extends MalipoException {

		TooManyOpenRequests(int limit, boolean withThisPsychologist) {
			super("TOO_MANY_OPEN_REQUESTS", "Too many requests waiting",
					"You already have " + limit + " requests waiting for an answer"
							+ (withThisPsychologist ? " from this psychologist" : "")
							+ ". Wait for an answer, or cancel one, before asking again.");
			with("limit", limit);
		}

	}

	/**
	 * The psychologist already has a session at that time; said to the client booking, or
	 * to the psychologist approving, each in their own words.
	 */
	public static final class SlotTaken extends MalipoException {

		SlotTaken(boolean toThePsychologist) {
			super("SLOT_TAKEN", "Time not available", toThePsychologist
					? "You already have a session at that time. Decline this request, or ask the client for another time."
					: "The psychologist already has a session at that time. Choose another time.");
			with("audience", toThePsychologist ? "psychologist" : "client");
		}

	}

	/**
	 * The time lies outside the psychologist's hours, on a break or a day off; said to
	 * the client booking, or to the psychologist approving.
	 */
	public static final class OutsideHours extends MalipoException {

		OutsideHours(boolean toThePsychologist) {
			super("OUTSIDE_HOURS", "Outside working hours", toThePsychologist
					? "This time is outside your hours (or on a break or a day off). Change your hours first, or decline the request."
					: "The psychologist does not take sessions at that time. Choose one of their free times.");
			with("audience", toThePsychologist ? "psychologist" : "client");
		}

	}

	/** A paid session is too close to its start to move online. */
	public static final class TooLateToMove extends MalipoException {

		TooLateToMove(java.time.Duration cutoff) {
			super("TOO_LATE_TO_MOVE", "Too late to move", "A paid session can be moved up to " + cutoff.toHours()
					+ " hours before it starts. Contact the other person, or support, for a change this late.");
		}

	}

	/**
	 * A client may move an approved or paid session only into hours the psychologist has
	 * set; without them, only the psychologist moves it.
	 */
	public static final class NeedsTheirHours extends MalipoException {

		NeedsTheirHours() {
			super("ASK_THE_PSYCHOLOGIST", "Ask the psychologist",
					"This psychologist has not set their hours, so only they can move an approved session. Send them a message, or cancel and book again before paying.");
		}

	}

	/** Approving now would leave the client no time to pay before the session. */
	public static final class PaymentWindowClosed extends MalipoException {

		PaymentWindowClosed() {
			super("PAYMENT_WINDOW_CLOSED", "Too late to approve",
					"This session starts too soon for the client to pay in time. Decline it or ask the client to book a later time.");
		}

	}

	/** A payment of another amount than the session's price. */
	public static final class AmountMismatch extends MalipoException {

		AmountMismatch(Kes paying, Kes price) {
			super("AMOUNT_MISMATCH", "Wrong amount",
					"The payment of " + paying + " does not match the session price of " + price + ".");
		}

	}

}
