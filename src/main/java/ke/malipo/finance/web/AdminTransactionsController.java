package ke.malipo.finance.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.payments.PaymentId;
import ke.malipo.finance.internal.Transaction;
import ke.malipo.finance.internal.TransactionCsv;
import ke.malipo.finance.internal.TransactionFilter;
import ke.malipo.finance.internal.TransactionLedger;
import ke.malipo.finance.internal.TransactionPage;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The finance desk's API: every M-Pesa transaction with search, filters and pages, one
 * transaction with its timeline, and the CSV export of exactly what a filter selects
 * (also linked from the desk's page). Admins only.
 */
@RestController
class AdminTransactionsController {

	private final TransactionLedger ledger;

	AdminTransactionsController(TransactionLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/api/admin/transactions")
	PageView list(CurrentUser admin, FilterParameters filter, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "25") int size) {
		AdminOnly.check(admin);
		TransactionPage result = this.ledger.search(admin, filter.toFilter(), page, size);
		return new PageView(result.rows().stream().map(TransactionView::of).toList(), result.page(), result.size(),
				result.total(), result.pages(), result.paidShillings());
	}

	@GetMapping("/api/admin/transactions/{id}")
	DetailView detail(CurrentUser admin, @PathVariable UUID id) {
		AdminOnly.check(admin);
		PaymentId paymentId = new PaymentId(id);
		Transaction transaction = this.ledger.find(admin, paymentId)
			.orElseThrow(() -> new NotFoundException("PAYMENT_NOT_FOUND", "There is no such payment."));
		return new DetailView(TransactionView.of(transaction),
				this.ledger.timeline(paymentId).stream().map(TransactionView.Step::of).toList());
	}

	/**
	 * The export streams as it is read, so its size is bounded by the filter, not by
	 * memory.
	 */
	@GetMapping({ "/api/admin/transactions.csv", "/admin/transactions.csv" })
	void export(CurrentUser admin, FilterParameters parameters, HttpServletResponse response) throws IOException {
		AdminOnly.check(admin);
		TransactionFilter filter = parameters.toFilter();
		response.setContentType(TransactionCsv.MEDIA_TYPE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(filter) + "\"");
		Writer out = response.getWriter();
		try (TransactionCsv csv = new TransactionCsv(out)) {
			this.ledger.forEach(admin, filter, csv::write);
		}
	}

	static String fileName(TransactionFilter filter) {
		String from = (filter.from() != null) ? filter.from().toString() : "start";
		String to = (filter.to() != null) ? filter.to().toString() : "now";
		return "malipo-transactions-" + from + "-to-" + to + ".csv";
	}

	/**
	 * A page of the desk, with what the whole filter counts and the money it brought in.
	 */
	record PageView(List<TransactionView> rows, int page, int size, long total, int pages, long paidAmount) {
	}

	/** A transaction and what happened to it. */
	record DetailView(TransactionView transaction, List<TransactionView.Step> timeline) {
	}

}
