package ke.malipo.common.problem;

/** One offending input field in a 400 answer: where it is and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
