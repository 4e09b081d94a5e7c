package ke.malipo.common.problem;

import java.util.List;

/**
 * Input that passed the shape checks but breaks a rule that spans fields; a 400 naming
 * them.
 */
public class InvalidInputException extends MalipoException {

	private final List<FieldProblem> errors;

	public InvalidInputException(List<FieldProblem> errors) {
		super("VALIDATION_FAILED", "Invalid request", "Some fields are missing or invalid: see errors.");
		this.errors = List.copyOf(errors);
		with("errors", this.errors);
	}

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	/** Each field that is wrong and why, for pages that show them beside the form. */
	public List<FieldProblem> errors() {
		return this.errors;
	}

}
