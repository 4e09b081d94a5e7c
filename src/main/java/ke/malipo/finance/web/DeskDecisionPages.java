package ke.malipo.finance.web;

import java.util.UUID;

import ke.malipo.common.pages.PageController;
import ke.malipo.common.pages.PageWords;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.finance.internal.DeskDecisions;
import ke.malipo.identity.CurrentUser;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentSettlements.PaymentRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms on a transaction's page: settle a payment in review, or ask M-Pesa now. Each
 * returns to that page with what happened (or what to correct, with what was typed kept),
 * telling it which version of the payment to wait for: the desk is kept by events and may
 * be a moment behind the decision.
 */
@PageController
class DeskDecisionPages {

	private final DeskDecisions decisions;

	private final PageWords words;

	DeskDecisionPages(DeskDecisions decisions, PageWords words) {
		this.decisions = decisions;
		this.words = words;
	}

	@PostMapping("/admin/transactions/{id}/resolve")
	String resolve(CurrentUser admin, @PathVariable UUID id, @RequestParam(defaultValue = "") String outcome,
			@RequestParam(required = false) @Nullable String mpesaReceiptNumber,
			@RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		try {
			PaymentRecord settled = this.decisions.settle(admin, new PaymentId(id), outcome, mpesaReceiptNumber,
					reason);
			redirect.addFlashAttribute("notice",
					this.words.text("PAID".equals(outcome) ? "tx.settledPaid" : "tx.settledFailed"));
			return backTo(id, settled);
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
			redirect.addFlashAttribute("reason", reason);
			redirect.addFlashAttribute("mpesaReceiptNumber", mpesaReceiptNumber);
			return "redirect:/admin/transactions/" + id;
		}
	}

	/** "Ask M-Pesa now": the answer lands in the timeline. */
	@PostMapping("/admin/transactions/{id}/check")
	String check(CurrentUser admin, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			PaymentRecord asked = this.decisions.askMpesaNow(admin, new PaymentId(id));
			redirect.addFlashAttribute("notice", this.words.text("tx.asked"));
			return backTo(id, asked);
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
			return "redirect:/admin/transactions/" + id;
		}
	}

	private static String backTo(UUID id, PaymentRecord record) {
		return "redirect:/admin/transactions/" + id + "?seen=" + record.payment().version();
	}

}
