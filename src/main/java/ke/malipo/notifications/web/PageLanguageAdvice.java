package ke.malipo.notifications.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the path it was opened at, for the language switch to come back to.
 */
@ControllerAdvice(annotations = Controller.class)
class PageLanguageAdvice {

	@ModelAttribute("here")
	String here(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getRequestURI() + ((query != null) ? "?" + query : "");
	}

}
