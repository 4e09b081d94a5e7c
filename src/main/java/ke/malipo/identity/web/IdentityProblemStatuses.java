package ke.malipo.identity.web;

import java.util.Map;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.ProblemStatuses;
import ke.malipo.identity.internal.AccountFailures;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** How identity's failures read over HTTP. */
@Component
class IdentityProblemStatuses implements ProblemStatuses {

	@Override
	public Map<Class<? extends MalipoException>, HttpStatus> statuses() {
		return Map.of(AccountFailures.EmailTaken.class, HttpStatus.CONFLICT, AccountFailures.BadCredentials.class,
				HttpStatus.UNAUTHORIZED, AccountFailures.TooManySignInAttempts.class, HttpStatus.TOO_MANY_REQUESTS,
				AccountFailures.TooManyRegistrations.class, HttpStatus.TOO_MANY_REQUESTS,
				AccountFailures.AccountGone.class, HttpStatus.NOT_FOUND, AccountFailures.ErasureRefused.class,
				HttpStatus.CONFLICT);
	}

}
