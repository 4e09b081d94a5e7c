package ke.malipo.finance.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.common.csv.CsvDocument;
import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.finance.internal.Journal;
import ke.malipo.finance.internal.JournalFiles;
import ke.malipo.identity.CurrentUser;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accounting export for admins (C13): a period's journal in QuickBooks Online's or
 * Xero's import layout, what each psychologist is owed, and one psychologist's payout
 * statement. A period is whole East Africa Time days, at most a year; every download is
 * an admin's access to payment data, and the audit trail records it.
 */
@RestController
class AccountingController {

	private final Journal journal;

	AccountingController(Journal journal) {
		this.journal = journal;
	}

	@GetMapping({ "/api/admin/accounting/journal.csv", "/admin/accounting/journal.csv" })
	void journal(CurrentUser admin, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "quickbooks") String format, HttpServletResponse response) throws IOException {
		AdminOnly.check(admin);
		Period period = Period.of(from, to);
		JournalFiles.Format layout = switch (format.strip().toLowerCase(Locale.ROOT)) {
			case "quickbooks" -> JournalFiles.Format.QUICKBOOKS;
			case "xero" -> JournalFiles.Format.XERO;
			default -> throw new InvalidInputException("format", "must be quickbooks or xero");
		};
		List<Journal.Entry> entries = this.journal.entries(period.from(), period.to());
		JournalFiles.journal(layout, entries, this.journal.accounting(), csv(response,
				"malipo-journal-" + layout.name().toLowerCase(Locale.ROOT) + "-" + period.name() + ".csv"));
	}

	@GetMapping({ "/api/admin/accounting/payouts.csv", "/admin/accounting/payouts.csv" })
	void payouts(CurrentUser admin, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, HttpServletResponse response) throws IOException {
		AdminOnly.check(admin);
		Period period = Period.of(from, to);
		JournalFiles.payouts(Journal.payouts(this.journal.entries(period.from(), period.to())),
				csv(response, "malipo-payouts-" + period.name() + ".csv"));
	}

	@GetMapping({ "/api/admin/accounting/payouts/{psychologist}.csv", "/admin/accounting/payouts/{psychologist}.csv" })
	void statement(CurrentUser admin, @PathVariable UUID psychologist,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			HttpServletResponse response) throws IOException {
		AdminOnly.check(admin);
		Period period = Period.of(from, to);
		List<Journal.Entry> theirs = this.journal.entries(period.from(), period.to(),
				new ke.malipo.identity.UserId(psychologist));
		JournalFiles.statement(theirs, csv(response, "malipo-payout-" + psychologist + "-" + period.name() + ".csv"));
	}

	private static Appendable csv(HttpServletResponse response, String fileName) throws IOException {
		response.setContentType(CsvDocument.MEDIA_TYPE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
		return response.getWriter();
	}

	/** Whole days, first and last included. */
	record Period(LocalDate from, LocalDate to) {

		static Period of(@Nullable String from, @Nullable String to) {
			List<FieldProblem> problems = new ArrayList<>();
			LocalDate first = day("from", from, problems);
			LocalDate last = day("to", to, problems);
			if (first != null && last != null) {
				if (last.isBefore(first)) {
					problems.add(new FieldProblem("to", "must not be before from"));
				}
				else if (first.plusDays(Journal.MAX_DAYS - 1L).isBefore(last)) {
					problems.add(new FieldProblem("to", "a period is at most " + Journal.MAX_DAYS + " days"));
				}
			}
			if (!problems.isEmpty() || first == null || last == null) {
				throw new InvalidInputException(problems);
			}
			return new Period(first, last);
		}

		private static @Nullable LocalDate day(String field, @Nullable String value, List<FieldProblem> problems) {
			if (value == null || value.isBlank()) {
				problems.add(new FieldProblem(field, "give a day, as 2026-12-01"));
				return null;
			}
			try {
				return LocalDate.parse(value.strip());
			}
			catch (DateTimeParseException ex) {
				problems.add(new FieldProblem(field, "must be a day, as 2026-12-01"));
				return null;
			}
		}

		String name() {
			return this.from + "-to-" + this.to;
		}

	}

}
