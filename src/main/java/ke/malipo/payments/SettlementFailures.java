package ke.malipo.payments;

import ke.malipo.common.problem.MalipoException;

/**
 * Why a payment could not be settled as asked, each named after what happened. How they
 * read over HTTP is declared in {@code payments.web}.
 */
public final class SettlementFailures {

	private SettlementFailures() {
	}

	/** The payment is settled: there is nothing to ask M-Pesa. */
	public static final class NothingToAsk extends MalipoException {

		public NothingToAsk(AttemptState state, boolean withReceipt) {
			super("NOTHING_TO_ASK", "Nothing to ask", "This payment is " + state
					+ (withReceipt ? " with its receipt" : "") + "; there is nothing to ask M-Pesa.");
		}

	}

	/** Only a payment in review or of unknown outcome can be settled this way. */
	public static final class NotInReview extends MalipoException {

		public NotInReview(AttemptState state) {
			super("NOT_IN_REVIEW", "Not in review",
					"Only a payment in review or of unknown outcome can be settled by hand; this one is " + state
							+ ".");
		}

	}

	/** The receipt already proves another payment. */
	public static final class ReceiptAlreadyUsed extends MalipoException {

		public ReceiptAlreadyUsed(String receipt) {
			super("RECEIPT_ALREADY_USED", "Receipt already used",
					"Receipt " + receipt + " already belongs to another payment.");
			with("receipt", receipt);
		}

	}

	/** M-Pesa reported another receipt for this payment than the one given. */
	public static final class ReceiptMismatch extends MalipoException {

		public ReceiptMismatch(String reported) {
			super("RECEIPT_MISMATCH", "Another receipt",
					"M-Pesa already reported receipt " + reported + " for this payment.");
			with("receipt", reported);
		}

	}

	/** The money arrived but its session can no longer be confirmed. */
	public static final class SessionNotConfirmable extends MalipoException {

		public SessionNotConfirmable(String why) {
			super("SESSION_NOT_CONFIRMABLE", "Session cannot be confirmed", "The session cannot be confirmed: " + why
					+ ". The payment stays in review until the money is returned.");
		}

	}

}
