package ke.malipo.audit.web;

import java.time.Instant;
import java.util.List;

import ke.malipo.audit.internal.AuditEntries;
import ke.malipo.audit.internal.AuditVerifier;
import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.identity.CurrentUser;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log over the API (api.md "Audit"): its entries, filtered, and its
 * verification. Admins only.
 */
@RestController
class AuditController {

	private final AuditEntries entries;

	private final AuditVerifier verifier;

	AuditController(AuditEntries entries, AuditVerifier verifier) {
		this.entries = entries;
		this.verifier = verifier;
	}

	record Page(List<AuditEntries.Entry> rows, int page, long total) {
	}

	@GetMapping("/api/admin/audit")
	Page log(CurrentUser admin, @RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "0") int page) {
		adminOnly(admin);
		AuditEntries.Filter filter = new AuditEntries.Filter(actor, action, subject, from, to);
		return new Page(this.entries.find(filter, page), Math.max(0, page), this.entries.count(filter));
	}

	@GetMapping("/api/admin/audit/verify")
	AuditVerifier.Result verify(CurrentUser admin) {
		adminOnly(admin);
		return this.verifier.verify();
	}

	private static void adminOnly(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new ForbiddenException("Only admins can read the audit log.");
		}
	}

}
