package ke.malipo.audit.web;

import java.time.LocalDate;
import java.util.List;

import ke.malipo.common.pages.PageWords;
import ke.malipo.audit.internal.AuditEntries;
import ke.malipo.audit.internal.AuditVerifier;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for admins: newest first, filtered by actor, action, subject and days
 * (East Africa Time), with whether the whole trail verifies at the top.
 */
@PageController
class AuditPages {

	private final AuditEntries entries;

	private final AuditVerifier verifier;

	AuditPages(AuditEntries entries, AuditVerifier verifier) {
		this.entries = entries;
		this.verifier = verifier;
	}

	/** An entry as the page shows it. */
	record Row(@Nullable Long seq, String when, String who, String action, String subject, @Nullable String paymentId,
			String detail) {

		static Row of(AuditEntries.Entry entry) {
			AuditEntries.Actor actor = entry.actor();
			String who = ((actor.name() != null) ? actor.name() : (actor.id() != null) ? actor.id().toString() : "")
					+ " (" + actor.role() + ")";
			String payment = entry.subject().startsWith("payment:") ? entry.subject().substring(8) : null;
			return new Row(entry.seq(), PageWords.when(entry.at()), who.strip(), entry.action(), entry.subject(),
					payment, entry.detail());
		}

	}

	@GetMapping("/admin/audit")
	String log(CurrentUser admin, @RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		if (!admin.isAdmin()) {
			throw new ForbiddenException("Only admins can read the audit log.");
		}
		AuditEntries.Filter filter = new AuditEntries.Filter(actor, action, subject,
				(from != null) ? from.atStartOfDay(Eat.ZONE).toInstant() : null,
				(to != null) ? to.plusDays(1).atStartOfDay(Eat.ZONE).toInstant() : null);
		List<AuditEntries.Entry> found = this.entries.find(filter, page);
		model.addAttribute("filter", filter);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("rows", found.stream().map(Row::of).toList());
		model.addAttribute("total", this.entries.count(filter));
		model.addAttribute("page", Math.max(0, page));
		model.addAttribute("more", found.size() == AuditEntries.PAGE_SIZE);
		model.addAttribute("verified", this.verifier.verify());
		return "admin/audit";
	}

}
