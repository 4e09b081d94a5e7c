package ke.malipo.finance.web;

import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.common.pages.PageController;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.finance.internal.TransactionFilter;
import ke.malipo.finance.internal.TransactionLedger;
import ke.malipo.finance.internal.TransactionPage;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Payment history: a client's every attempt (date, amount, masked phone, receipt, status,
 * PDF receipt when paid), a psychologist's payments received, and the attempts of one
 * session for its detail page. Admins have the finance desk instead.
 */
@PageController
class PaymentHistoryPages {

	private final TransactionLedger ledger;

	PaymentHistoryPages(TransactionLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/payments")
	String history(CurrentUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		if (user.isAdmin()) {
			return "redirect:/admin/transactions";
		}
		// A psychologist's page is payments received: paid ones, in staff words; a
		// client's is every try, in their own words.
		boolean client = user.is(Role.CLIENT);
		TransactionFilter filter = client ? TransactionFilter.NONE
				: TransactionFilter.parse(null, "PAID", null, null, null);
		TransactionPage result = this.ledger.search(user, filter, page, TransactionLedger.PAGE_SIZE);
		model.addAttribute("result", result);
		model.addAttribute("rows",
				result.rows().stream().map(client ? TransactionRow::of : TransactionRow::forStaff).toList());
		return "payments";
	}

	/** The attempts of one session, for the session's page (loaded into it by htmx). */
	@GetMapping("/sessions/{id}/payments")
	String ofSession(CurrentUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("rows",
				this.ledger.ofSession(user, new SessionId(id))
					.stream()
					.map(user.is(Role.CLIENT) ? TransactionRow::of : TransactionRow::forStaff)
					.toList());
		return "payments :: attempts";
	}

}
