package ke.malipo.reconciliation.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.booking.SessionId;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.reconciliation.internal.InvalidStatementException;
import ke.malipo.reconciliation.internal.ItemResolutions;
import ke.malipo.reconciliation.internal.Overview;
import ke.malipo.reconciliation.internal.ReconciliationFailures;
import ke.malipo.reconciliation.internal.Reconciler;
import ke.malipo.reconciliation.internal.Runs;
import ke.malipo.reconciliation.internal.StatementImport;
import ke.malipo.reconciliation.internal.Verification;
import ke.malipo.reconciliation.web.ReconciliationViews.ItemView;
import ke.malipo.reconciliation.web.ReconciliationViews.RunView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Reconciliation's API (api.md "Reconciliation"): run a range, read a run page by page,
 * its CSV report, one session against M-Pesa's records (after asking M-Pesa, for verify),
 * the orphans, the summary, and statement uploads. Admins only.
 */
@RestController
class ReconciliationController {

	private final Reconciler reconciler;

	private final Runs runs;

	private final Overview overview;

	private final StatementImport statements;

	private final Verification verification;

	private final ItemResolutions resolutions;

	ReconciliationController(Reconciler reconciler, Runs runs, Overview overview, StatementImport statements,
			Verification verification, ItemResolutions resolutions) {
		this.resolutions = resolutions;
		this.reconciler = reconciler;
		this.runs = runs;
		this.overview = overview;
		this.statements = statements;
		this.verification = verification;
	}

	/** The range to reconcile, in East Africa Time days, both included. */
	record RunRequest(@Nullable LocalDate from, @Nullable LocalDate to) {
	}

	@PostMapping("/api/reconciliation/run")
	RunView run(CurrentUser admin, @RequestBody RunRequest request) {
		AdminOnly.check(admin);
		List<ke.malipo.common.problem.FieldProblem> missing = new ArrayList<>();
		if (request.from() == null) {
			missing.add(new ke.malipo.common.problem.FieldProblem("from", "Give the first day, as 2026-12-01."));
		}
		if (request.to() == null) {
			missing.add(new ke.malipo.common.problem.FieldProblem("to", "Give the last day, as 2026-12-01."));
		}
		if (request.from() == null || request.to() == null) {
			throw new InvalidInputException(missing);
		}
		UUID run = this.reconciler.reconcilePayments(request.from(), request.to(), "user:" + admin.id().value());
		return view(run, null, 0);
	}

	@GetMapping("/api/reconciliation/runs/{id}")
	RunView runById(CurrentUser admin, @PathVariable UUID id, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "0") int page) {
		AdminOnly.check(admin);
		return view(id, status, page);
	}

	@GetMapping("/api/reconciliation/runs")
	List<RunView> recent(CurrentUser admin) {
		AdminOnly.check(admin);
		return this.runs.recent(20).stream().map((run) -> RunView.of(run, null, 0, List.of())).toList();
	}

	/** One row per item of a run (given by id, or the newest over exactly a range). */
	@GetMapping("/api/reconciliation/report")
	void report(CurrentUser admin, @RequestParam(required = false) @Nullable UUID runId,
			@RequestParam(required = false) @Nullable LocalDate from,
			@RequestParam(required = false) @Nullable LocalDate to, HttpServletResponse response) throws IOException {
		AdminOnly.check(admin);
		Runs.Run run = (runId != null) ? this.runs.run(runId).orElseThrow(ReconciliationFailures.RunNotFound::new)
				: newestOver(from, to);
		response.setContentType(ReconciliationReport.MEDIA_TYPE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"malipo-reconciliation-" + run.from() + "-to-" + run.to() + ".csv\"");
		Writer out = response.getWriter();
		try (ReconciliationReport report = new ReconciliationReport(out)) {
			this.runs.eachItem(run.id(), (item) -> report.write(run, item));
		}
	}

	private Runs.Run newestOver(@Nullable LocalDate from, @Nullable LocalDate to) {
		if (from == null || to == null) {
			throw new InvalidInputException("runId", "Give runId, or from and to (2026-12-01).");
		}
		return this.runs.recent(500)
			.stream()
			.filter((run) -> run.from().equals(from) && run.to().equals(to))
			.findFirst()
			.orElseThrow(ReconciliationFailures.RunNotFound::new);
	}

	@GetMapping("/api/reconciliation/session/{sessionId}")
	SessionView session(CurrentUser admin, @PathVariable UUID sessionId) {
		AdminOnly.check(admin);
		return sessionView(sessionId,
				this.reconciler.reconcileSession(new SessionId(sessionId), "user:" + admin.id().value()));
	}

	/** Asks M-Pesa about the session's open payments first, then reconciles it. */
	@PostMapping("/api/reconciliation/verify/{sessionId}")
	SessionView verify(CurrentUser admin, @PathVariable UUID sessionId) {
		AdminOnly.check(admin);
		this.verification.askMpesa(new SessionId(sessionId));
		return sessionView(sessionId,
				this.reconciler.reconcileSession(new SessionId(sessionId), "user:" + admin.id().value()));
	}

	@GetMapping("/api/reconciliation/orphaned")
	OrphansView orphaned(CurrentUser admin) {
		AdminOnly.check(admin);
		Overview.Orphans orphans = this.overview.orphans();
		return new OrphansView(orphans.moneyWithoutPayment().stream().map(ItemView::of).toList(),
				orphans.paymentsWithoutMoney().stream().map(ItemView::of).toList(),
				orphans.stuck()
					.stream()
					.map((stuck) -> new StuckView(stuck.paymentId(), stuck.sessionId(), stuck.amount(),
							ReconciliationViews.masked(stuck.phone()), stuck.state(), stuck.createdAt()))
					.toList());
	}

	@GetMapping("/api/reconciliation/summary")
	SummaryView summary(CurrentUser admin) {
		AdminOnly.check(admin);
		Overview.Summary summary = this.overview.summary();
		return new SummaryView(summary.today(), summary.week(), summary.month(), summary.orphaned(),
				this.runs.latest().map((run) -> RunView.of(run, null, 0, List.of())).orElse(null));
	}

	/** Items and why they are closed: one, or many of the same kind at once. */
	record Explanation(@Nullable List<UUID> itemIds, @Nullable String note) {
	}

	record Closed(int closed) {
	}

	@PostMapping("/api/reconciliation/items/resolve")
	Closed resolve(CurrentUser admin, @RequestBody Explanation explanation) {
		AdminOnly.check(admin);
		return new Closed(this.resolutions.explain((explanation.itemIds() != null) ? explanation.itemIds() : List.of(),
				(explanation.note() != null) ? explanation.note() : "", admin.id()));
	}

	/**
	 * Withdraws automatic fixes: the items reopen for review with the reason kept; the
	 * payments stay as M-Pesa's records made them.
	 */
	@PostMapping("/api/reconciliation/items/withdraw-automatic")
	Closed withdraw(CurrentUser admin, @RequestBody Explanation explanation) {
		AdminOnly.check(admin);
		return new Closed(this.resolutions.withdrawAutomaticFixes(
				(explanation.itemIds() != null) ? explanation.itemIds() : List.of(),
				(explanation.note() != null) ? explanation.note() : "", admin.id()));
	}

	@PostMapping("/api/reconciliation/statements")
	@ResponseStatus(HttpStatus.CREATED)
	StatementImport.Imported upload(CurrentUser admin, @RequestParam(required = false) @Nullable MultipartFile file)
			throws IOException {
		AdminOnly.check(admin);
		if (file == null || file.isEmpty()) {
			throw new InvalidStatementException(null, "Attach the statement as the multipart field 'file'.");
		}
		try (InputStream content = file.getInputStream()) {
			return this.statements.importStatement(String.valueOf(file.getOriginalFilename()), content, admin.id());
		}
	}

	private RunView view(UUID id, @Nullable String status, int page) {
		Runs.Run run = this.runs.run(id).orElseThrow(ReconciliationFailures.RunNotFound::new);
		return RunView.of(run, this.runs.coverage(run), page, this.runs.items(id, status, page));
	}

	private SessionView sessionView(UUID session, UUID run) {
		List<Runs.Item> items = this.runs.items(run, null, 0);
		List<SessionLine> lines = new ArrayList<>();
		for (Runs.Item item : items) {
			Runs.Ours ours = item.ours();
			Runs.Theirs theirs = item.theirs();
			if (ours != null) {
				lines.add(new SessionLine("MALIPO", ours.receipt(), ours.amount(),
						ReconciliationViews.masked(ours.phone()), ours.at(), ours.state(), item.problem()));
			}
			if (theirs != null) {
				lines.add(new SessionLine(theirs.sources(), theirs.receipt(), theirs.amount(),
						ReconciliationViews.masked(theirs.phone()), theirs.at(), "COMPLETED", item.problem()));
			}
		}
		String status = items.stream()
			.map(Runs.Item::status)
			.min(Comparator.comparingInt(ReconciliationController::severity))
			.orElse("MATCHED");
		return new SessionView(session, status, run, lines, items.stream().map(ItemView::of).toList());
	}

	/** Discrepancies first: a session is as bad as its worst item. */
	private static int severity(String status) {
		return switch (status) {
			case "DISCREPANCY" -> 0;
			case "UNMATCHED" -> 1;
			case "PENDING_VERIFICATION" -> 2;
			default -> 3;
		};
	}

	record SessionView(UUID sessionId, String status, UUID runId, List<SessionLine> items, List<ItemView> decisions) {
	}

	/** One side's record: MALIPO for ours, the M-Pesa sources for theirs. */
	record SessionLine(String source, @Nullable String receipt, long amount, @Nullable String phone, Instant at,
			String state, @Nullable String problem) {
	}

	record OrphansView(List<ItemView> moneyWithoutPayment, List<ItemView> paymentsWithoutMoney, List<StuckView> stuck) {
	}

	record StuckView(UUID paymentId, UUID sessionId, long amount, @Nullable String phone, String state,
			Instant createdAt) {
	}

	record SummaryView(Overview.Figures today, Overview.Figures week, Overview.Figures month, int orphaned,
			@Nullable RunView lastRun) {
	}

}
