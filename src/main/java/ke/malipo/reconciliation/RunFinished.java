package ke.malipo.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A reconciliation run over a range of days finished (one session's runs, started by a
 * verification or an answer from M-Pesa, are not announced). Published after the run's
 * automatic fixes, so {@code openProblems} counts only what still needs a person.
 *
 * @param openProblems discrepancies and unmatched items nobody has explained or settled
 * @param sourceProblems what went wrong reading M-Pesa's sources, in words
 */
public record RunFinished(UUID runId, LocalDate from, LocalDate to, String status, String startedBy, Instant finishedAt,
		int matched, int unmatched, int discrepancy, int pendingVerification, int openProblems, long mpesaPaidIn,
		boolean tiesOut, List<String> sourceProblems) {

	public RunFinished {
		sourceProblems = List.copyOf(sourceProblems);
	}

}
