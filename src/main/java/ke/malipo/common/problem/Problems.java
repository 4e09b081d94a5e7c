package ke.malipo.common.problem;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details the same way everywhere, so every error carries a stable code.
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String code, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(typeOf(code));
		problem.setProperty("code", code);
		return problem;
	}

	public static ProblemDetail of(HttpStatusCode status, MalipoException ex) {
		ProblemDetail problem = of(status, ex.code(), ex.title(), ex.getMessage());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	/**
	 * One sentence for a person on a page: the first offending field's message, or the
	 * problem's detail.
	 */
	public static String forPerson(MalipoException ex) {
		if (ex.properties().get("errors") instanceof java.util.List<?> errors && !errors.isEmpty()
				&& errors.get(0) instanceof FieldProblem problem && !problem.message().isEmpty()) {
			return Character.toUpperCase(problem.message().charAt(0)) + problem.message().substring(1) + ".";
		}
		return ex.getMessage();
	}

	/**
	 * A stable, documented identifier per code, e.g.
	 * {@code urn:malipo:problem:email-taken}.
	 */
	public static URI typeOf(String code) {
		return URI.create("urn:malipo:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
	}

}
