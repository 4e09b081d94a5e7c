package ke.malipo.common.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * Input that passed the shape checks but breaks a rule that spans fields; a 400 naming
 * them.
 */
public class InvalidInputException extends MalipoException {

	public InvalidInputException(List<FieldProblem> errors) {
		super(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Invalid request",
				"Some fields are missing or invalid: see errors.");
		with("errors", List.copyOf(errors));
	}

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

}
