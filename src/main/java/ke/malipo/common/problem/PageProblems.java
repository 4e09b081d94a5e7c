package ke.malipo.common.problem;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * A problem met while a person was browsing becomes a page in plain words (the error
 * template, with the status and what to do), not a JSON document; the API keeps its
 * problem details. The sentence travels to the error page as a request attribute.
 */
@Component
class PageProblems extends DefaultErrorAttributes {

	private static final String SENTENCE = PageProblems.class.getName() + ".sentence";

	/** Whether the request came from a person's browser rather than an API client. */
	static boolean isPage(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// The API (api.md) answers problem details whatever a client accepts.
		if (path.startsWith("/api/")) {
			return false;
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && MediaType.parseMediaTypes(accept)
			.stream()
			.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
	}

	/** Hands the problem to the error page instead of writing problem details. */
	static void show(HttpServletRequest request, HttpServletResponse response, int status, @Nullable String sentence)
			throws IOException {
		if (sentence != null) {
			request.setAttribute(SENTENCE, sentence);
		}
		response.sendError(status);
	}

	@Override
	public Map<String, @Nullable Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, @Nullable Object> attributes = super.getErrorAttributes(request, options);
		Object sentence = request.getAttribute(SENTENCE, RequestAttributes.SCOPE_REQUEST);
		attributes.put("sentence", sentence);
		return attributes;
	}

}
