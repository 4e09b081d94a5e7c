package ke.malipo.identity.web;

import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.internal.UserRepository;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account. */
@RestController
class MeController {

	private final UserRepository users;

	MeController(UserRepository users) {
		this.users = users;
	}

	@GetMapping("/api/me")
	UserView me(CurrentUser user) {
		return this.users.findById(user.id())
			.map(UserView::of)
			.orElseThrow(() -> new NotFoundException("USER_NOT_FOUND", "This account no longer exists."));
	}

}
