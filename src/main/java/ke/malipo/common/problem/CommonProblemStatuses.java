package ke.malipo.common.problem;

import java.util.Map;

import ke.malipo.common.phone.InvalidMsisdnException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** How the failures every module shares read over HTTP. */
@Component
class CommonProblemStatuses implements ProblemStatuses {

	@Override
	public Map<Class<? extends MalipoException>, HttpStatus> statuses() {
		return Map.of(NotFoundException.class, HttpStatus.NOT_FOUND, ForbiddenException.class, HttpStatus.FORBIDDEN,
				InvalidInputException.class, HttpStatus.BAD_REQUEST, InvalidMsisdnException.class,
				HttpStatus.BAD_REQUEST, UnstorableTextException.class, HttpStatus.BAD_REQUEST,
				ConcurrentUpdateException.class, HttpStatus.CONFLICT);
	}

}
