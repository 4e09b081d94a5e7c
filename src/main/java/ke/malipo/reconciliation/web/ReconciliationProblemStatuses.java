package ke.malipo.reconciliation.web;

import java.util.Map;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.ProblemStatuses;
import ke.malipo.reconciliation.internal.InvalidStatementException;
import ke.malipo.reconciliation.internal.ReconciliationFailures;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** How reconciliation's failures read over HTTP. */
@Component
class ReconciliationProblemStatuses implements ProblemStatuses {

	@Override
	public Map<Class<? extends MalipoException>, HttpStatus> statuses() {
		return Map.of(InvalidStatementException.class, HttpStatus.BAD_REQUEST,
				ReconciliationFailures.InvalidRange.class, HttpStatus.BAD_REQUEST);
	}

}
