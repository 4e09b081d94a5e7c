package ke.malipo.reconciliation.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import ke.malipo.reconciliation.internal.RecordPhone;
import ke.malipo.reconciliation.internal.Runs;
import org.jspecify.annotations.Nullable;

/** Reconciliation as its API shows it; phone numbers always masked. */
final class ReconciliationViews {

	private ReconciliationViews() {
	}

	/** A run; its coverage by the hour only where one run is shown, not in lists. */
	record RunView(UUID id, LocalDate from, LocalDate to, String startedBy, Instant startedAt,
			@Nullable Instant finishedAt, String status, Counts counts, TieOut tieOut, int uncoveredHours,
			List<String> sourceProblems, @Nullable List<Stretch> coverage, int page, int pageSize,
			List<ItemView> items) {

		static RunView of(Runs.Run run, @Nullable List<Runs.HourCoverage> coverage, int page, List<Runs.Item> items) {
			return new RunView(run.id(), run.from(), run.to(), run.startedBy(), run.startedAt(), run.finishedAt(),
					run.status(),
					new Counts(run.matched(), run.unmatched(), run.discrepancy(), run.pendingVerification()),
					new TieOut(run.paidInTotal(), run.itemsPaidIn(), run.amountMatched(), run.tiesOut()),
					run.uncoveredHours(),
					(run.sourceProblems() == null) ? List.of() : List.of(run.sourceProblems().split("\n")),
					(coverage != null) ? Stretch.of(coverage) : null, page, Runs.PAGE_SIZE,
					items.stream().map(ItemView::of).toList());
		}

	}

	/**
	 * Consecutive hours covered by the same sources (none: M-Pesa's records cannot speak
	 * for them yet), from the first hour's start to the last one's end.
	 */
	record Stretch(Instant from, Instant to, List<String> sources) {

		static List<Stretch> of(List<Runs.HourCoverage> hours) {
			List<Stretch> stretches = new java.util.ArrayList<>();
			for (Runs.HourCoverage hour : hours) {
				Instant end = hour.hour().plus(java.time.Duration.ofHours(1));
				int last = stretches.size() - 1;
				if (last >= 0 && stretches.get(last).sources().equals(hour.sources())
						&& stretches.get(last).to().equals(hour.hour())) {
					stretches.set(last, new Stretch(stretches.get(last).from(), end, hour.sources()));
				}
				else {
					stretches.add(new Stretch(hour.hour(), end, hour.sources()));
				}
			}
			return stretches;
		}

	}

	record Counts(int matched, int unmatched, int discrepancy, int pendingVerification) {
	}

	/**
	 * M-Pesa's paid-in total for the range and what the run's items carry of it: equal
	 * when every shilling is accounted for.
	 */
	record TieOut(long mpesaPaidIn, long itemsPaidIn, long matched, boolean tiesOut) {
	}

	record ItemView(UUID id, String status, @Nullable String problem, String rule, String explanation,
			@Nullable PaymentSide payment, @Nullable MpesaSide mpesa, @Nullable String candidates,
			@Nullable String resolution, @Nullable String resolutionNote) {

		static ItemView of(Runs.Item item) {
			Runs.Ours ours = item.ours();
			Runs.Theirs theirs = item.theirs();
			return new ItemView(item.id(), item.status(), item.problem(), item.rule(), item.explanation(),
					(ours == null) ? null
							: new PaymentSide(ours.paymentId(), ours.sessionId(), ours.amount(), masked(ours.phone()),
									ours.state(), ours.receipt(), ours.at()),
					(theirs == null) ? null
							: new MpesaSide(theirs.receipt(), theirs.amount(), masked(theirs.phone()), theirs.account(),
									theirs.at(), List.of(theirs.sources().split("\\+"))),
					item.candidates(), item.resolution(), item.resolutionNote());
		}

	}

	record PaymentSide(UUID paymentId, UUID sessionId, long amount, @Nullable String phone, String state,
			@Nullable String receipt, Instant at) {
	}

	record MpesaSide(String receipt, long amount, @Nullable String phone, @Nullable String account, Instant at,
			List<String> sources) {
	}

	static @Nullable String masked(@Nullable String phone) {
		return RecordPhone.shown(phone);
	}

}
