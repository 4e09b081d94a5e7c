package ke.malipo.common.problem;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem detail with a stable {@code code}. Bad
 * input is a 400 that names the offending fields; an overloaded database pool a 503 with
 * {@code Retry-After}; an unexpected failure is a 500 that reveals nothing internal.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final Map<Class<? extends Exception>, String> CODES = Map.of(
			HttpRequestMethodNotSupportedException.class, "METHOD_NOT_ALLOWED",
			HttpMediaTypeNotSupportedException.class, "UNSUPPORTED_MEDIA_TYPE",
			HttpMediaTypeNotAcceptableException.class, "NOT_ACCEPTABLE", NoResourceFoundException.class, "NOT_FOUND",
			TypeMismatchException.class, "INVALID_PARAMETER");

	/** When a caller refused for lack of a database connection may try again. */
	private static final String BUSY_RETRY_AFTER_SECONDS = "2";

	private final ProblemStatusResolver statuses;

	ProblemDetailsAdvice(ProblemStatusResolver statuses) {
		this.statuses = statuses;
	}

	@ExceptionHandler(MalipoException.class)
	@Nullable ResponseEntity<ProblemDetail> malipo(MalipoException ex, HttpServletRequest request,
			HttpServletResponse servletResponse) throws IOException {
		HttpStatus status = this.statuses.statusOf(ex);
		if (PageProblems.isPage(request)) {
			PageProblems.show(request, servletResponse, status.value(), Problems.forPerson(ex));
			return null;
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		Object retryAfter = ex.properties().get("retryAfterSeconds");
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
		}
		return response.body(Problems.of(status, ex));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldProblem(lastNode(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		return ResponseEntity.badRequest().body(validationFailed(errors));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "Not allowed",
					"Your account is not allowed to do this."));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.body(Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Sign in required", "Sign in to continue."));
	}

	/**
	 * Text PostgreSQL cannot store (a NUL character, invalid UTF-8) is the caller's bad
	 * input, refused before anything was written; any other database failure is ours.
	 */
	@ExceptionHandler(DataAccessException.class)
	@Nullable ResponseEntity<ProblemDetail> dataAccess(DataAccessException ex, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (isUnstorableText(ex)) {
			return malipo(new UnstorableTextException(), request, response);
		}
		if (noConnectionCameFree(ex)) {
			return busy(ex, request, response);
		}
		return unexpected(ex, request, response);
	}

	/**
	 * A transaction that could not begin: when no database connection came free in time
	 * the app is overloaded, not broken.
	 */
	@ExceptionHandler(CannotCreateTransactionException.class)
	@Nullable ResponseEntity<ProblemDetail> noTransaction(CannotCreateTransactionException ex, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		return noConnectionCameFree(ex) ? busy(ex, request, response) : unexpected(ex, request, response);
	}

	private static boolean noConnectionCameFree(Throwable ex) {
		return causedBy(ex, SQLTransientConnectionException.class::isInstance);
	}

	/**
	 * 503 with {@code Retry-After}: nothing was written (no transaction began), so the
	 * caller may simply try again; a warning, not an error, since nothing is broken.
	 */
	private @Nullable ResponseEntity<ProblemDetail> busy(Exception ex, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		log.warn("Refused {} {}: no database connection came free in time ({})", request.getMethod(),
				request.getRequestURI(), ex.getMessage());
		String sentence = "We are very busy right now. Nothing was changed; please try again in a moment.";
		if (PageProblems.isPage(request)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS);
			PageProblems.show(request, response, 503, sentence);
			return null;
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVER_BUSY", "Busy", sentence));
	}

	private static boolean isUnstorableText(Throwable ex) {
		return causedBy(ex, (cause) -> cause instanceof SQLException sql
				&& ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState())));
	}

	private static boolean causedBy(Throwable ex, java.util.function.Predicate<Throwable> test) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (test.test(cause)) {
				return true;
			}
		}
		return false;
	}

	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		log.error("Unhandled failure", ex);
		if (PageProblems.isPage(request)) {
			PageProblems.show(request, response, 500,
					"Something went wrong on our side. Nothing was changed; please try again.");
			return null;
		}
		return ResponseEntity.internalServerError()
			.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Something went wrong",
					"Something went wrong on our side. Nothing was changed; please try again."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ProblemDetailsAdvice::fieldProblem)
			.toList();
		List<FieldProblem> global = ex.getBindingResult()
			.getGlobalErrors()
			.stream()
			.map((error) -> new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage())))
			.toList();
		return ResponseEntity.badRequest()
			.body(validationFailed(java.util.stream.Stream.concat(errors.stream(), global.stream()).toList()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldProblem(result.getMethodParameter().getParameterName() + "",
						String.valueOf(error.getDefaultMessage()))))
			.toList();
		return ResponseEntity.badRequest().body(validationFailed(errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getCause();
		if (cause instanceof JacksonException jackson && !(cause instanceof StreamReadException)
				&& !jackson.getPath().isEmpty()) {
			String field = jackson.getPath()
				.stream()
				.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse("body");
			return ResponseEntity.badRequest()
				.body(validationFailed(List.of(new FieldProblem(field, "has a value of the wrong type or format"))));
		}
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "Unreadable request",
					"The request body is missing or is not valid JSON."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
				&& PageProblems.isPage(servlet.getRequest())) {
			try {
				// Spring's own wording ("No static resource …") is not for people: the
				// page says it by status.
				PageProblems.show(servlet.getRequest(), servlet.getResponse(), statusCode.value(), null);
				return null;
			}
			catch (IOException failed) {
				throw new java.io.UncheckedIOException(failed);
			}
		}
		if (body == null && ex instanceof ErrorResponse errorResponse) {
			body = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
		}
		if (body instanceof ProblemDetail problem) {
			if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
				String code = codeFor(ex, statusCode);
				problem.setProperty("code", code);
				problem.setType(Problems.typeOf(code));
			}
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static String codeFor(Exception ex, HttpStatusCode status) {
		for (Map.Entry<Class<? extends Exception>, String> entry : CODES.entrySet()) {
			if (entry.getKey().isInstance(ex)) {
				return entry.getValue();
			}
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.name() : "HTTP_" + status.value();
	}

	private static ProblemDetail validationFailed(List<FieldProblem> errors) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Invalid request",
				"Some fields are missing or invalid: see errors.");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static FieldProblem fieldProblem(FieldError error) {
		return new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage()));
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return (dot >= 0) ? path.substring(dot + 1) : path;
	}

}
