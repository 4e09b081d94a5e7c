package ke.malipo.reconciliation.web;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import ke.malipo.common.pages.PageController;
import ke.malipo.common.pages.PageWords;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.reconciliation.internal.LiveFindings;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the live checks found between runs: listed over the API and closed with a note,
 * there or from the dashboard. Admins only.
 */
@PageController
class FindingsController {

	private final LiveFindings findings;

	private final PageWords words;

	FindingsController(LiveFindings findings, PageWords words) {
		this.findings = findings;
		this.words = words;
	}

	record CloseRequest(@Nullable String note) {
	}

	@GetMapping("/api/reconciliation/findings")
	@ResponseBody
	List<LiveFindings.Finding> open(CurrentUser admin) {
		AdminOnly.check(admin);
		return this.findings.open();
	}

	@PostMapping("/api/reconciliation/findings/{id}/close")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void close(CurrentUser admin, @PathVariable UUID id, @RequestBody CloseRequest request) {
		AdminOnly.check(admin);
		this.findings.close(id, Objects.requireNonNullElse(request.note(), ""), admin.id());
	}

	@PostMapping("/admin/reconciliation/findings/{id}/close")
	String closeOnPage(CurrentUser admin, @PathVariable UUID id, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		AdminOnly.check(admin);
		try {
			this.findings.close(id, note, admin.id());
			redirect.addFlashAttribute("notice", this.words.text("recon.findingClosed"));
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
		}
		return "redirect:/admin/reconciliation";
	}

}
