package ke.malipo.finance.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.pages.PageWords;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;
import ke.malipo.finance.internal.Flags;
import ke.malipo.finance.internal.TransactionFilter;
import ke.malipo.finance.internal.TransactionLedger;
import ke.malipo.finance.internal.TransactionPage;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The finance desk's pages: every M-Pesa transaction with search, filters, pages and a
 * CSV export of what is selected; a transaction with its timeline. The filter lives in
 * the address, so a view can be bookmarked or shared with a colleague. Settling a payment
 * by hand posts to {@link DeskDecisionPages}; payments makes the change.
 */
@PageController
class AdminTransactionPages {

	private final TransactionLedger ledger;

	private final UserDirectory directory;

	private final Flags flags;

	/** How long a page waits for the projection to show a decision just taken. */
	private static final Duration READ_YOUR_DECISION = Duration.ofSeconds(3);

	AdminTransactionPages(TransactionLedger ledger, UserDirectory directory, Flags flags) {
		this.ledger = ledger;
		this.directory = directory;
		this.flags = flags;
	}

	@GetMapping("/admin/transactions")
	String list(CurrentUser admin, FilterParameters form, @RequestParam(defaultValue = "1") int page, Model model,
			HttpServletResponse response) {
		AdminOnly.check(admin);
		model.addAttribute("psychologists", this.directory.psychologists());
		// Named on the page by the message attempt.<STATE>, in the page's language.
		model.addAttribute("states", Arrays.stream(AttemptState.values()).map(AttemptState::name).toList());
		model.addAttribute("form", form);
		try {
			TransactionFilter filter = form.toFilter();
			TransactionPage result = this.ledger.search(admin, filter, page, TransactionLedger.PAGE_SIZE);
			model.addAttribute("result", result);
			model.addAttribute("rows", result.rows().stream().map(TransactionRow::forStaff).toList());
			model.addAttribute("flags", this.flags.of(result.rows().stream().map((row) -> row.id().value()).toList()));
			model.addAttribute("query", filter.toQuery());
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errors", ex.errors());
			model.addAttribute("rows", List.of());
		}
		return "admin/transactions";
	}

	/**
	 * One transaction. {@code seen} is the version a decision just wrote (payments adds
	 * it to the address it sends the admin back to): the page waits a moment for the
	 * projection to hold it, so the admin reads their own decision.
	 */
	@GetMapping("/admin/transactions/{id}")
	String detail(CurrentUser admin, @PathVariable UUID id, @RequestParam(required = false) @Nullable Long seen,
			Model model) {
		AdminOnly.check(admin);
		PaymentId paymentId = new PaymentId(id);
		if (seen != null) {
			this.ledger.awaitVersion(paymentId, seen, READ_YOUR_DECISION);
		}
		model.addAttribute("tx",
				this.ledger.find(admin, paymentId)
					.map(TransactionRow::forStaff)
					.orElseThrow(() -> new NotFoundException("PAYMENT_NOT_FOUND", "There is no such payment.")));
		model.addAttribute("flags", this.flags.of(List.of(id)).getOrDefault(id, List.of()));
		model.addAttribute("timeline",
				this.ledger.timeline(paymentId)
					.stream()
					.map((entry) -> new Step(PageWords.when(entry.at()), entry.kind(), entry.detail()))
					.toList());
		return "admin/transaction";
	}

	/** A step of the timeline, with its time as people read it. */
	record Step(String when, String kind, String detail) {
	}

}
