package ke.malipo.payments.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.common.problem.Problems;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.internal.ManualResolution;
import ke.malipo.payments.internal.TransactionFilter;
import ke.malipo.payments.internal.TransactionLedger;
import ke.malipo.payments.internal.TransactionPage;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The finance desk's pages: every M-Pesa transaction with search, filters, pages and a
 * CSV export of what is selected; a transaction with its timeline. The filter lives in
 * the address, so a view can be bookmarked or shared with a colleague.
 */
@Controller
class AdminTransactionPages {

	private final TransactionLedger ledger;

	private final UserDirectory directory;

	private final ManualResolution resolution;

	AdminTransactionPages(TransactionLedger ledger, UserDirectory directory, ManualResolution resolution) {
		this.ledger = ledger;
		this.directory = directory;
		this.resolution = resolution;
	}

	@GetMapping("/admin/transactions")
	String list(CurrentUser admin, FilterParameters form, @RequestParam(defaultValue = "1") int page, Model model,
			HttpServletResponse response) {
		AdminOnly.check(admin);
		model.addAttribute("psychologists", this.directory.psychologists());
		model.addAttribute("states",
				Arrays.stream(AttemptState.values())
					.map((state) -> new Option(state.name(), TransactionRow.label(state)))
					.toList());
		model.addAttribute("form", form);
		try {
			TransactionFilter filter = form.toFilter();
			TransactionPage result = this.ledger.search(admin, filter, page, TransactionLedger.PAGE_SIZE);
			model.addAttribute("result", result);
			model.addAttribute("rows", result.rows().stream().map(TransactionRow::of).toList());
			model.addAttribute("query", filter.toQuery());
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errors", ex.errors());
			model.addAttribute("rows", List.of());
		}
		return "admin/transactions";
	}

	@GetMapping("/admin/transactions/{id}")
	String detail(CurrentUser admin, @PathVariable UUID id, Model model) {
		AdminOnly.check(admin);
		PaymentId paymentId = new PaymentId(id);
		model.addAttribute("tx",
				this.ledger.find(admin, paymentId)
					.map(TransactionRow::of)
					.orElseThrow(() -> new NotFoundException("PAYMENT_NOT_FOUND", "There is no such payment.")));
		model.addAttribute("timeline",
				this.ledger.timeline(paymentId)
					.stream()
					.map((entry) -> new Step(Eat.display(entry.at()), entry.kind(), entry.detail()))
					.toList());
		return "admin/transaction";
	}

	@PostMapping("/admin/transactions/{id}/resolve")
	String resolve(CurrentUser admin, @PathVariable UUID id, @RequestParam(defaultValue = "") String outcome,
			@RequestParam(required = false) @Nullable String mpesaReceiptNumber,
			@RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		AdminOnly.check(admin);
		try {
			boolean moneyArrived = ManualResolution.moneyArrived(outcome);
			this.resolution.resolve(admin, new PaymentId(id), moneyArrived, mpesaReceiptNumber, reason);
			redirect.addFlashAttribute("notice", moneyArrived ? "Settled as paid." : "Settled as failed.");
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
		AdminOnly.check(admin);
		try {
			this.resolution.askMpesaNow(admin, new PaymentId(id));
			redirect.addFlashAttribute("notice", "M-Pesa was asked; its answer is in the timeline.");
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", Problems.forPerson(ex));
		}
		return "redirect:/admin/transactions/" + id;
	}

	/** A choice of a select box. */
	record Option(String value, String label) {
	}

	/** A step of the timeline, with its time as people read it. */
	record Step(String when, String kind, String detail) {
	}

}
