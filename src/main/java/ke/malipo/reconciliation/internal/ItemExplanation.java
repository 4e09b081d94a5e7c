package ke.malipo.reconciliation.internal;

import ke.malipo.common.money.Kes;
import org.jspecify.annotations.Nullable;

/**
 * Why an item is what it is, in words a finance admin reads: the rule that paired (or
 * could not pair) the two sides, and what differs. Derived from the item's stored rule
 * and both records, so it can never disagree with them.
 */
final class ItemExplanation {

	private ItemExplanation() {
	}

	static String of(Runs.Item item) {
		Runs.Ours ours = item.ours();
		Runs.Theirs theirs = item.theirs();
		String paired = switch (item.rule()) {
			case "RECEIPT" -> "Paired by receipt " + receipt(theirs) + ", which both sides hold.";
			case "REFERENCE" -> "Paired by the account reference " + account(theirs) + ", which ends with payment "
					+ reference(ours) + "'s reference.";
			case "AMOUNT_PHONE_TIME" -> "Paired by amount, phone and time: no receipt or reference tied them, and "
					+ "this was the only candidate on each side (" + amount(theirs) + " from "
					+ phone(theirs != null ? theirs.phone() : null) + ").";
			case "AMBIGUOUS_REFERENCE", "AMBIGUOUS_AMOUNT_PHONE_TIME" -> "Not paired: more than one candidate fits ("
					+ item.candidates() + "), and reconciliation never guesses. Verify with M-Pesa and settle by hand.";
			case "NO_PAYMENT" -> "No payment of ours has receipt " + receipt(theirs)
					+ ", its account reference or its amount, phone and time.";
			case "NO_RECORD" -> "M-Pesa's records for these hours hold no receipt, reference or amount, phone and "
					+ "time that fits this payment.";
			case "NO_MONEY" -> "Failed here, and M-Pesa's records for these hours show no money for it: both agree.";
			case "NOT_COVERED" -> "No statement or Pull reading covers the hours of this payment yet, so it cannot "
					+ "be proven either way. Upload the statement for the day.";
			case "OUTCOME_OPEN" -> "This payment's outcome is still open (" + state(ours)
					+ ") and M-Pesa's records show no money for it yet.";
			default -> "Decided by rule " + item.rule() + ".";
		};
		return paired + problem(item);
	}

	private static String problem(Runs.Item item) {
		Runs.Ours ours = item.ours();
		Runs.Theirs theirs = item.theirs();
		if (item.problem() == null || ours == null || theirs == null) {
			return (item.problem() == null && ours != null && theirs != null) ? " Amount, status and phone agree." : "";
		}
		return switch (item.problem()) {
			case "DUPLICATE_RECEIPT" -> " M-Pesa lists receipt " + theirs.receipt()
					+ " more than once, or with different amounts: the money may have been counted twice.";
			case "AMOUNT_MISMATCH" -> " The amounts differ: " + Kes.of(ours.amount()).display() + " here, "
					+ Kes.of(theirs.amount()).display() + " at M-Pesa (the tolerance is 0 KES).";
			case "STATUS_MISMATCH" -> " M-Pesa says the money arrived, but the payment here is " + ours.state() + ".";
			case "PHONE_MISMATCH" ->
				" The phones differ: " + phone(ours.phone()) + " was prompted, " + phone(theirs.phone()) + " paid.";
			case "MISSING_RECEIPT" ->
				" The payment here is paid but has no receipt; M-Pesa's is " + theirs.receipt() + ".";
			default -> "";
		};
	}

	private static String receipt(Runs.@Nullable Theirs theirs) {
		return (theirs != null) ? theirs.receipt() : "—";
	}

	private static String account(Runs.@Nullable Theirs theirs) {
		return (theirs != null && theirs.account() != null) ? "'" + theirs.account() + "'" : "—";
	}

	private static String amount(Runs.@Nullable Theirs theirs) {
		return (theirs != null) ? Kes.of(theirs.amount()).display() : "—";
	}

	private static String reference(Runs.@Nullable Ours ours) {
		return (ours != null) ? ours.paymentId().toString().substring(0, 8) : "—";
	}

	private static String state(Runs.@Nullable Ours ours) {
		return (ours != null) ? ours.state() : "—";
	}

	private static String phone(@Nullable String number) {
		String shown = RecordPhone.shown(number);
		return (shown != null) ? shown : "an unknown number";
	}

}
