package ke.malipo.identity.web;

import ke.malipo.common.pages.PageController;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.internal.CurrentUsers;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextHolder;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page, the error page included, the signed-in user as {@code me} (null on
 * public pages). Pages only: API calls never fill a model.
 */
@ControllerAdvice(annotations = PageController.class, assignableTypes = ErrorController.class)
class SignedInUserAdvice {

	@ModelAttribute("me")
	@Nullable CurrentUser me() {
		return CurrentUsers.of(SecurityContextHolder.getContext().getAuthentication()).orElse(null);
	}

}
