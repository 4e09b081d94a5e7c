package ke.malipo.reconciliation.internal;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.NotFoundException;

/** What can go wrong when reconciling, named after what happened. */
public final class ReconciliationFailures {

	private ReconciliationFailures() {
	}

	/** A range a run cannot cover. */
	public static class InvalidRange extends MalipoException {

		public InvalidRange(String detail) {
			super("INVALID_RANGE", "The range cannot be reconciled", detail);
		}

	}

	/** A session with no payment to reconcile. */
	public static class NothingToReconcile extends NotFoundException {

		public NothingToReconcile() {
			super("NOTHING_TO_RECONCILE",
					"This session has no payment attempt, so there is nothing to compare with M-Pesa's records.");
		}

	}

	/** No run with that id. */
	public static class RunNotFound extends NotFoundException {

		public RunNotFound() {
			super("RUN_NOT_FOUND", "There is no reconciliation run with that id.");
		}

	}

}
