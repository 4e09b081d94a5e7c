package ke.malipo.payments.web;

import java.util.UUID;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.Problems;
import ke.malipo.identity.CurrentUser;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.internal.ManualResolution;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms on a transaction's page of the finance desk: settle a payment in review, or
 * ask M-Pesa now. Each returns to that page with what happened (or what to correct, with
 * what was typed kept).
 */
@Controller
class ManualResolutionPages {

	private final ManualResolution resolution;

	ManualResolutionPages(ManualResolution resolution) {
		this.resolution = resolution;
	}

	@PostMapping("/admin/transactions/{id}/resolve")
	String resolve(CurrentUser admin, @PathVariable UUID id, @RequestParam(defaultValue = "") String outcome,
			@RequestParam(required = false) @Nullable String mpesaReceiptNumber,
			@RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		try {
			boolean moneyArrived = ManualResolution.moneyArrived(outcome);
			this.resolution.resolve(admin, new PaymentId(id), moneyArrived, mpesaReceiptNumber, reason);
			redirect.addFlashAttribute("notice", moneyArrived ? "Settled as paid." : "Settled as failed.");
			return backTo(id);
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", Problems.forPerson(ex));
			redirect.addFlashAttribute("reason", reason);
			redirect.addFlashAttribute("mpesaReceiptNumber", mpesaReceiptNumber);
		}
		return "redirect:/admin/transactions/" + id;
	}

	/** "Ask M-Pesa now": the answer lands in the timeline. */
	@PostMapping("/admin/transactions/{id}/check")
	String check(CurrentUser admin, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			this.resolution.askMpesaNow(admin, new PaymentId(id));
			redirect.addFlashAttribute("notice", "M-Pesa was asked; its answer is in the timeline.");
			return backTo(id);
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", Problems.forPerson(ex));
		}
		return "redirect:/admin/transactions/" + id;
	}

	/**
	 * The transaction's page on the finance desk, told which version to wait for: the
	 * desk is kept by events and may be a moment behind.
	 */
	private String backTo(UUID id) {
		return "redirect:/admin/transactions/" + id + "?seen="
				+ this.resolution.settled(new PaymentId(id)).attempt().version();
	}

}
