package ke.malipo.common.problem;

/** The caller may see the thing but may not do this to it. */
public class ForbiddenException extends MalipoException {

	public ForbiddenException(String detail) {
		super("FORBIDDEN", "Not allowed", detail);
	}

}
