package ke.malipo.common.problem;

/** Someone else changed the same record first; the caller should reload and try again. */
public class ConcurrentUpdateException extends MalipoException {

	public ConcurrentUpdateException(String what) {
		super("CONCURRENT_UPDATE", "Changed meanwhile",
				what + " was changed by someone else at the same moment. Reload and try again.");
	}

}
