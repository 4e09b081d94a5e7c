package ke.malipo.notifications.web;

import jakarta.servlet.http.HttpServletRequest;

import ke.malipo.common.pages.PageController;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page, the error page included, the path it was opened at, for the language
 * switch to come back to.
 */
@ControllerAdvice(annotations = PageController.class, assignableTypes = ErrorController.class)
class PageLanguageAdvice {

	@ModelAttribute("here")
	String here(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getRequestURI() + ((query != null) ? "?" + query : "");
	}

}
