package ke.malipo.identity.web;

import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.internal.CurrentUsers;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in user as {@code me} (null on public pages). */
@ControllerAdvice(annotations = Controller.class)
class SignedInUserAdvice {

	@ModelAttribute("me")
	@Nullable CurrentUser me() {
		return CurrentUsers.of(SecurityContextHolder.getContext().getAuthentication()).orElse(null);
	}

}
