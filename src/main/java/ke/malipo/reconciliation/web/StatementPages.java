package ke.malipo.reconciliation.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.common.pages.PageWords;
import ke.malipo.common.money.Kes;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.reconciliation.internal.StatementImport;
import ke.malipo.reconciliation.internal.StatementPreviews;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Statement uploads on the dashboard: the file is read and checked whole, then shown as a
 * preview (period, rows, what is new, M-Pesa's paid-in total, the first rows) and counts
 * for nothing until the admin imports it; discarding deletes it.
 */
@PageController
class StatementPages {

	private final StatementImport statements;

	private final StatementPreviews previews;

	private final PageWords words;

	StatementPages(StatementImport statements, StatementPreviews previews, PageWords words) {
		this.words = words;
		this.statements = statements;
		this.previews = previews;
	}

	@PostMapping("/admin/reconciliation/statements")
	String upload(CurrentUser admin, @RequestParam(required = false) @Nullable MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		AdminOnly.check(admin);
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("error", this.words.text("statement.choose"));
			return "redirect:/admin/reconciliation";
		}
		try (InputStream content = file.getInputStream()) {
			StatementImport.Imported staged = this.statements.stageStatement(String.valueOf(file.getOriginalFilename()),
					content, admin.id());
			return "redirect:/admin/reconciliation/statements/" + staged.id();
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
		}
		return "redirect:/admin/reconciliation";
	}

	/** The preview of an uploaded statement: nothing counts until it is imported. */
	@GetMapping("/admin/reconciliation/statements/{id}")
	String preview(CurrentUser admin, @PathVariable UUID id, Model model, RedirectAttributes redirect) {
		AdminOnly.check(admin);
		Optional<StatementPreviews.Preview> preview = this.previews.staged(id);
		if (preview.isEmpty()) {
			redirect.addFlashAttribute("error", this.words.text("statement.gone"));
			return "redirect:/admin/reconciliation";
		}
		model.addAttribute("preview", preview.get());
		model.addAttribute("period", this.words.text("statement.periodRange", PageWords.when(preview.get().from()),
				PageWords.when(preview.get().to().minusSeconds(1))));
		model.addAttribute("paidIn", Kes.of(preview.get().paidIn()).display());
		model.addAttribute("rows",
				preview.get()
					.firstRows()
					.stream()
					.map((row) -> new PreviewRow(row.line(), row.receipt(), PageWords.when(row.completedAt()),
							row.status(), (row.paidIn() != null) ? Kes.of(row.paidIn()).display() : "",
							(row.withdrawn() != null) ? Kes.of(row.withdrawn()).display() : "",
							ReconciliationViews.masked(row.phone()), row.account()))
					.toList());
		return "admin/reconciliation-statement";
	}

	@PostMapping("/admin/reconciliation/statements/{id}/import")
	String importPreview(CurrentUser admin, @PathVariable UUID id, RedirectAttributes redirect) {
		AdminOnly.check(admin);
		Optional<StatementPreviews.Preview> preview = this.previews.staged(id);
		if (preview.isEmpty() || !this.statements.importStaged(id)) {
			redirect.addFlashAttribute("error", this.words.text("statement.goneShort"));
			return "redirect:/admin/reconciliation";
		}
		StatementPreviews.Preview imported = preview.get();
		redirect.addFlashAttribute("notice", this.words.text("statement.imported", imported.rows(), imported.added(),
				PageWords.when(imported.from()), PageWords.when(imported.to())));
		redirect.addFlashAttribute("from", imported.from().atZone(Eat.ZONE).toLocalDate());
		redirect.addFlashAttribute("to", imported.to().minusSeconds(1).atZone(Eat.ZONE).toLocalDate());
		return "redirect:/admin/reconciliation";
	}

	@PostMapping("/admin/reconciliation/statements/{id}/discard")
	String discardPreview(CurrentUser admin, @PathVariable UUID id, RedirectAttributes redirect) {
		AdminOnly.check(admin);
		this.statements.discardStaged(id);
		redirect.addFlashAttribute("notice", this.words.text("statement.discarded"));
		return "redirect:/admin/reconciliation";
	}

	/** A statement row as the preview shows it. */
	record PreviewRow(long line, String receipt, String completed, String status, String paidIn, String withdrawn,
			@Nullable String phone, @Nullable String account) {
	}

}
