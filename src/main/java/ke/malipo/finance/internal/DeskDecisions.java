package ke.malipo.finance.internal;

import java.util.ArrayList;
import java.util.List;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.identity.CurrentUser;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentSettlements;
import ke.malipo.payments.PaymentSettlements.PaymentRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * An admin's decisions on the finance desk (C8): ask M-Pesa about a payment now, or
 * settle a payment in review or of unknown outcome, paid with the receipt found in
 * M-Pesa's records or failed. A reason is required and goes into the payment's timeline
 * with who decided, so the decision can be read back later. Payments makes the change.
 */
@Service
public class DeskDecisions {

	private static final Logger log = LoggerFactory.getLogger(DeskDecisions.class);

	static final int MIN_REASON = 10;

	static final int MAX_REASON = 500;

	private final PaymentSettlements settlements;

	DeskDecisions(PaymentSettlements settlements) {
		this.settlements = settlements;
	}

	/** What payments holds now, for a decision's answer. */
	public PaymentRecord record(PaymentId id) {
		return this.settlements.record(id);
	}

	public PaymentRecord askMpesaNow(CurrentUser admin, PaymentId id) {
		requireAdmin(admin, "ask M-Pesa about a payment");
		log.info("Admin {} asks M-Pesa about payment {} now", admin.id().value(), id.value());
		return this.settlements.askMpesaNow(id);
	}

	/**
	 * Settles a payment by hand.
	 * @param outcome {@code PAID} (the money arrived) or {@code FAILED}
	 * @param receipt the M-Pesa receipt, required when the money arrived
	 * @throws InvalidInputException naming each field that is missing or malformed
	 */
	public PaymentRecord settle(CurrentUser admin, PaymentId id, @Nullable String outcome, @Nullable String receipt,
			@Nullable String reason) {
		requireAdmin(admin, "settle a payment in review");
		Decision decision = Decision.read(outcome, receipt, reason);
		String why = "By " + admin.name() + " <" + admin.email() + ">: " + decision.reason();
		PaymentRecord settled = (decision.receipt() != null)
				? this.settlements.settleAsPaid(id, decision.receipt(), why) : this.settlements.settleAsFailed(id, why);
		log.info("Payment {} settled by hand as {} by admin {}", id.value(), settled.payment().state(),
				admin.id().value());
		return settled;
	}

	private static void requireAdmin(CurrentUser user, String what) {
		if (!user.isAdmin()) {
			throw new ForbiddenException("Only admins can " + what + ".");
		}
	}

	/** A decision as typed, read and checked: a receipt means paid, none means failed. */
	record Decision(@Nullable MpesaReceipt receipt, String reason) {

		static Decision read(@Nullable String outcome, @Nullable String receipt, @Nullable String reason) {
			boolean paid = "PAID".equals(outcome);
			if (!paid && !"FAILED".equals(outcome)) {
				throw new InvalidInputException("outcome",
						"Choose PAID (the money arrived) or FAILED (no money moved).");
			}
			List<FieldProblem> problems = new ArrayList<>();
			String trimmed = (reason != null) ? reason.strip() : "";
			if (trimmed.length() < MIN_REASON || trimmed.length() > MAX_REASON) {
				problems.add(new FieldProblem("reason", "Say why in " + MIN_REASON + " to " + MAX_REASON
						+ " characters; it stays in the payment's timeline."));
			}
			boolean given = receipt != null && !receipt.isBlank();
			MpesaReceipt receiptNumber = MpesaReceipt.tryParse(receipt).orElse(null);
			if (paid && receiptNumber == null) {
				problems.add(new FieldProblem("mpesaReceiptNumber",
						"Enter the 10-character M-Pesa receipt from M-Pesa's records, e.g. TK4AB12CDE."));
			}
			if (!paid && given) {
				problems.add(new FieldProblem("mpesaReceiptNumber", "A failed payment has no receipt."));
			}
			if (!problems.isEmpty()) {
				throw new InvalidInputException(problems);
			}
			return new Decision(paid ? receiptNumber : null, trimmed);
		}

	}

}
