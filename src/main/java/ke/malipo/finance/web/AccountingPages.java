package ke.malipo.finance.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import ke.malipo.common.money.Kes;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.time.Eat;
import ke.malipo.finance.internal.Journal;
import ke.malipo.identity.CurrentUser;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The accounting page for admins: choose a period (last month by default), see what each
 * psychologist is owed with the platform's fee, and download the journal for QuickBooks
 * or Xero, the payouts, or one psychologist's statement.
 */
@PageController
class AccountingPages {

	private final Journal journal;

	private final Clock clock;

	AccountingPages(Journal journal, Clock clock) {
		this.journal = journal;
		this.clock = clock;
	}

	@GetMapping("/admin/accounting")
	String page(CurrentUser admin, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, Model model) {
		AdminOnly.check(admin);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Eat.ZONE);
		LocalDate lastMonth = today.minusMonths(1);
		String first = (from != null) ? from : lastMonth.withDayOfMonth(1).toString();
		String last = (to != null) ? to : lastMonth.withDayOfMonth(lastMonth.lengthOfMonth()).toString();
		model.addAttribute("from", first);
		model.addAttribute("to", last);
		model.addAttribute("feePercent",
				this.journal.accounting().platformFeePercent().stripTrailingZeros().toPlainString());
		try {
			AccountingController.Period period = AccountingController.Period.of(first, last);
			List<Journal.Payout> payouts = Journal.payouts(this.journal.entries(period.from(), period.to()));
			model.addAttribute("payouts", payouts.stream().map(PayoutRow::of).toList());
			model.addAttribute("total", PayoutRow.total(payouts));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
			model.addAttribute("payouts", List.of());
		}
		return "admin/accounting";
	}

	/** A psychologist's line, money as KES 1,500. */
	record PayoutRow(String psychologistId, String psychologist, int sessions, String amount, String fee,
			String payable) {

		static PayoutRow of(Journal.Payout payout) {
			return new PayoutRow(payout.psychologistId().toString(), payout.psychologist(), payout.sessions(),
					Kes.of(payout.amount()).display(), Kes.of(payout.fee()).display(),
					Kes.of(payout.payable()).display());
		}

		static PayoutRow total(List<Journal.Payout> payouts) {
			return new PayoutRow("", "", payouts.stream().mapToInt(Journal.Payout::sessions).sum(),
					Kes.of(payouts.stream().mapToLong(Journal.Payout::amount).sum()).display(),
					Kes.of(payouts.stream().mapToLong(Journal.Payout::fee).sum()).display(),
					Kes.of(payouts.stream().mapToLong(Journal.Payout::payable).sum()).display());
		}

	}

}
