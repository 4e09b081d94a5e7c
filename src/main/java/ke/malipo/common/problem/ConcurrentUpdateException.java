package ke.malipo.common.problem;

import org.springframework.http.HttpStatus;

/** Someone else changed the same record first; the caller should reload and try again. */
public class ConcurrentUpdateException extends MalipoException {

	public ConcurrentUpdateException(String what) {
		super(HttpStatus.CONFLICT, "CONCURRENT_UPDATE", "Changed meanwhile",
				what + " was changed by someone else at the same moment. Reload and try again.");
	}

}
