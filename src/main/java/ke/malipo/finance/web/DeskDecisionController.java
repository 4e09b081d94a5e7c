package ke.malipo.finance.web;

import java.util.List;
import java.util.UUID;

import ke.malipo.finance.internal.DeskDecisions;
import ke.malipo.finance.internal.Transaction;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentSettlements.PaymentRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin's decisions on a payment, over the API: ask M-Pesa now, or settle a payment in
 * review by hand. Each answers like the transaction's own address, but with the payment
 * as payments holds it right after the decision (the desk follows a moment later).
 */
@RestController
class DeskDecisionController {

	private final DeskDecisions decisions;

	private final UserDirectory directory;

	DeskDecisionController(DeskDecisions decisions, UserDirectory directory) {
		this.decisions = decisions;
		this.directory = directory;
	}

	/**
	 * Asks M-Pesa about the payment now (STK query, or its Pull records) instead of
	 * waiting for the schedule, and applies what M-Pesa proves.
	 */
	@PostMapping("/api/admin/transactions/{id}/check")
	DetailView check(CurrentUser admin, @PathVariable UUID id) {
		return view(this.decisions.askMpesaNow(admin, new PaymentId(id)));
	}

	/**
	 * Settles a payment in review by hand: {@code PAID} with the M-Pesa receipt, or
	 * {@code FAILED}; always with a reason.
	 */
	@PostMapping("/api/admin/transactions/{id}/resolve")
	DetailView resolve(CurrentUser admin, @PathVariable UUID id, @RequestBody Decision decision) {
		return view(this.decisions.settle(admin, new PaymentId(id), decision.outcome(), decision.mpesaReceiptNumber(),
				decision.reason()));
	}

	private DetailView view(PaymentRecord record) {
		return new DetailView(TransactionView.of(Transaction.of(record.payment(), this.directory)),
				record.timeline().stream().map(TransactionView.Step::of).toList());
	}

	/** An admin's decision on a payment in review. */
	record Decision(@Nullable String outcome, @Nullable String mpesaReceiptNumber, @Nullable String reason) {
	}

	/** A transaction and what happened to it. */
	record DetailView(TransactionView transaction, List<TransactionView.Step> timeline) {
	}

}
