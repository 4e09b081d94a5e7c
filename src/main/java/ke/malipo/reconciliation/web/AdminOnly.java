package ke.malipo.reconciliation.web;

import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.identity.CurrentUser;

/**
 * Reconciliation is for admins. The security rules say so for its paths too; this check
 * keeps a handler safe if a path is ever moved.
 */
final class AdminOnly {

	private AdminOnly() {
	}

	static void check(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new ForbiddenException("Only admins can reconcile payments.");
		}
	}

}
