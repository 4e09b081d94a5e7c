package ke.malipo.reconciliation.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.pages.PageWords;
import ke.malipo.common.money.Kes;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.reconciliation.internal.ItemResolutions;
import ke.malipo.reconciliation.internal.LiveFindings;
import ke.malipo.reconciliation.internal.Overview;
import ke.malipo.reconciliation.internal.ReconciliationFailures;
import ke.malipo.reconciliation.internal.Reconciler;
import ke.malipo.reconciliation.internal.Runs;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reconciliation dashboard for admins: the summary cards (today, this week, this
 * month, orphans), a statement upload, a run over any range, the newest runs; a run's
 * items with their status badges, a filter by status, the CSV report and bulk closing;
 * and one item with both sides' records side by side.
 */
@PageController
class ReconciliationPages {

	private final Reconciler reconciler;

	private final Runs runs;

	private final Overview overview;

	private final ItemResolutions resolutions;

	private final LiveFindings findings;

	private final java.time.Clock clock;

	private final PageWords words;

	ReconciliationPages(Reconciler reconciler, Runs runs, Overview overview, ItemResolutions resolutions,
			LiveFindings findings, java.time.Clock clock, PageWords words) {
		this.words = words;
		this.findings = findings;
		this.clock = clock;
		this.reconciler = reconciler;
		this.runs = runs;
		this.overview = overview;
		this.resolutions = resolutions;
	}

	@GetMapping("/admin/reconciliation")
	String dashboard(CurrentUser admin, Model model) {
		AdminOnly.check(admin);
		Overview.Summary summary = this.overview.summary();
		model.addAttribute("cards", List.of(Card.of("today", summary.today()), Card.of("week", summary.week()),
				Card.of("month", summary.month())));
		model.addAttribute("orphaned", summary.orphaned());
		Overview.Orphans orphans = this.overview.orphans();
		model.addAttribute("orphans", orphans);
		model.addAttribute("stuck",
				orphans.stuck()
					.stream()
					.map((stuck) -> new StuckRow(stuck.paymentId(), PageWords.when(stuck.createdAt()), stuck.state()))
					.toList());
		model.addAttribute("runs", this.runs.recent(10).stream().map(RunRow::of).toList());
		model.addAttribute("findings",
				this.findings.open()
					.stream()
					.map((finding) -> new FindingRow(finding.id(), finding.paymentId(), finding.problem(),
							finding.detail(), PageWords.when(finding.foundAt())))
					.toList());
		LocalDate today = this.clock.instant().atZone(Eat.ZONE).toLocalDate();
		model.addAttribute("yesterday", today.minusDays(1));
		model.addAttribute("today", today);
		return "admin/reconciliation";
	}

	@PostMapping("/admin/reconciliation/run")
	String run(CurrentUser admin,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			RedirectAttributes redirect) {
		AdminOnly.check(admin);
		if (from == null || to == null) {
			redirect.addFlashAttribute("error", this.words.text("recon.giveRange"));
			return "redirect:/admin/reconciliation";
		}
		try {
			UUID run = this.reconciler.reconcilePayments(from, to, "user:" + admin.id().value());
			return "redirect:/admin/reconciliation/runs/" + run;
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
			return "redirect:/admin/reconciliation";
		}
	}

	@GetMapping("/admin/reconciliation/runs/{id}")
	String runPage(CurrentUser admin, @PathVariable UUID id, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		AdminOnly.check(admin);
		Runs.Run run = this.runs.run(id).orElseThrow(ReconciliationFailures.RunNotFound::new);
		String shown = (status == null || status.isBlank()) ? null : status;
		model.addAttribute("run", RunRow.of(run));
		model.addAttribute("sourceProblems",
				(run.sourceProblems() == null) ? List.of() : List.of(run.sourceProblems().split("\n")));
		model.addAttribute("coverage", CoverageDay.of(this.runs.coverage(run), this.words));
		model.addAttribute("status", shown);
		model.addAttribute("page", Math.max(0, page));
		List<Runs.Item> items = this.runs.items(id, shown, page);
		model.addAttribute("items", items.stream().map((item) -> ItemRow.of(item, this.words)).toList());
		model.addAttribute("more", items.size() == Runs.PAGE_SIZE);
		return "admin/reconciliation-run";
	}

	@GetMapping("/admin/reconciliation/items/{id}")
	String item(CurrentUser admin, @PathVariable UUID id, Model model) {
		AdminOnly.check(admin);
		Runs.Item item = this.runs.item(id)
			.orElseThrow(() -> new ke.malipo.common.problem.NotFoundException("ITEM_NOT_FOUND",
					"There is no reconciliation item with that id."));
		model.addAttribute("item", ItemRow.of(item, this.words));
		return "admin/reconciliation-item";
	}

	@PostMapping("/admin/reconciliation/items/resolve")
	String resolve(CurrentUser admin, @RequestParam(name = "item", required = false) @Nullable List<UUID> items,
			@RequestParam(defaultValue = "") String note, @RequestParam(required = false) @Nullable UUID run,
			RedirectAttributes redirect) {
		AdminOnly.check(admin);
		try {
			int closed = this.resolutions.explain((items != null) ? items : List.of(), note, admin.id());
			redirect.addFlashAttribute("notice", this.words.text("recon.closed", closed));
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
			redirect.addFlashAttribute("note", note);
		}
		return (run != null) ? "redirect:/admin/reconciliation/runs/" + run : "redirect:/admin/reconciliation";
	}

	/** Withdraws an automatic fix from the item's page. */
	@PostMapping("/admin/reconciliation/items/withdraw")
	String withdraw(CurrentUser admin, @RequestParam UUID item, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		AdminOnly.check(admin);
		try {
			int reopened = this.resolutions.withdrawAutomaticFixes(List.of(item), note, admin.id());
			redirect.addFlashAttribute("notice",
					this.words.text((reopened == 1) ? "recon.withdrawn" : "recon.notWithdrawn"));
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
		}
		return "redirect:/admin/reconciliation/items/" + item;
	}

	/** A live finding as the dashboard lists it. */
	record FindingRow(UUID id, UUID paymentId, String problem, String detail, String found) {
	}

	/** A payment stuck open. */
	record StuckRow(UUID paymentId, String since, String state) {
	}

	/** A summary card of a period (today, week, month: its title's key). */
	record Card(String period, int matched, int unmatched, int discrepancy, int pending, String amountMatched,
			int reconciledDays, int days) {

		static Card of(String period, Overview.Figures figures) {
			return new Card(period, figures.matched(), figures.unmatched(), figures.discrepancy(),
					figures.pendingVerification(), Kes.of(figures.amountMatched()).display(), figures.daysReconciled(),
					figures.days());
		}

	}

	/** One day's hours of a run and what covers each, for the coverage grid. */
	record CoverageDay(String day, List<CoverageHour> hours) {

		static List<CoverageDay> of(List<Runs.HourCoverage> hours, PageWords words) {
			java.util.Map<java.time.LocalDate, List<CoverageHour>> days = new java.util.LinkedHashMap<>();
			for (Runs.HourCoverage hour : hours) {
				java.time.ZonedDateTime at = hour.hour().atZone(Eat.ZONE);
				days.computeIfAbsent(at.toLocalDate(), (day) -> new java.util.ArrayList<>())
					.add(new CoverageHour(at.getHour(), hour.covered(),
							words.text(hour.covered() ? "recon.coveredBy" : "recon.notCovered",
									"%02d:00".formatted(at.getHour()),
									String.join(words.text("recon.and"),
											hour.sources()
												.stream()
												.map((source) -> words.text("recon.source." + source))
												.toList()))));
			}
			return days.entrySet()
				.stream()
				.map((day) -> new CoverageDay(day.getKey().toString(), day.getValue()))
				.toList();
		}

	}

	/** One hour of the coverage grid. */
	record CoverageHour(int hour, boolean covered, String title) {
	}

	/** A run as the pages list it. */
	record RunRow(UUID id, String range, String startedBy, String startedAt, String status, int matched, int unmatched,
			int discrepancy, int pending, String paidIn, String itemsPaidIn, boolean tiesOut, int uncoveredHours) {

		static RunRow of(Runs.Run run) {
			String range = run.from().equals(run.to()) ? run.from().toString() : run.from() + " – " + run.to();
			return new RunRow(run.id(), range, run.startedBy().startsWith("user:") ? "admin" : run.startedBy(),
					PageWords.when(run.startedAt()), run.status(), run.matched(), run.unmatched(), run.discrepancy(),
					run.pendingVerification(), Kes.of(run.paidInTotal()).display(), Kes.of(run.itemsPaidIn()).display(),
					run.tiesOut(), run.uncoveredHours());
		}

	}

	/** An item as the pages show it, both sides side by side. */
	record ItemRow(UUID id, String status, @Nullable String problem, String rule, String explanation,
			@Nullable Side ours, @Nullable Side theirs, @Nullable String resolution, @Nullable String note) {

		static ItemRow of(Runs.Item item, PageWords words) {
			Runs.Ours ours = item.ours();
			Runs.Theirs theirs = item.theirs();
			return new ItemRow(item.id(), item.status(), item.problem(), item.rule(), item.explanation(),
					(ours == null) ? null
							: new Side("Malipo", PageWords.when(ours.at()), Kes.of(ours.amount()).display(),
									ReconciliationViews.masked(ours.phone()), ours.receipt(), ours.state(), null, ours
										.sessionId()),
					(theirs == null) ? null : new Side(
							"M-Pesa (" + java.util.Arrays.stream(theirs.sources().split("\\+"))
								.map((source) -> words.text("recon.source." + source))
								.collect(java.util.stream.Collectors.joining(", ")) + ")",
							PageWords.when(theirs.at()), Kes.of(theirs.amount()).display(),
							ReconciliationViews.masked(theirs.phone()), theirs.receipt(), "COMPLETED", theirs.account(),
							null),
					item.resolution(), item.resolutionNote());
		}

	}

	/** One side's record of an item. */
	record Side(String source, String when, String amount, @Nullable String phone, @Nullable String receipt,
			String state, @Nullable String account, @Nullable UUID session) {
	}

}
