package ke.malipo.finance.web;

import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.identity.CurrentUser;

/**
 * The finance desk is for admins. The security rules say so for its paths too; this check
 * keeps a handler safe if a path is ever moved.
 */
final class AdminOnly {

	private AdminOnly() {
	}

	static void check(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new ForbiddenException("Only admins can see the finance desk.");
		}
	}

}
