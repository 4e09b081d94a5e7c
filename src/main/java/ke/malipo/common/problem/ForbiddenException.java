package ke.malipo.common.problem;

import org.springframework.http.HttpStatus;

/** The caller may see the thing but may not do this to it. */
public class ForbiddenException extends MalipoException {

	public ForbiddenException(String detail) {
		super(HttpStatus.FORBIDDEN, "FORBIDDEN", "Not allowed", detail);
	}

}
