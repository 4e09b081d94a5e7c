package ke.malipo.common.problem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The HTTP status of a failure, from what the modules declared. A failure no module
 * declared is a mistake of ours: it answers 500 and is logged (a test checks that every
 * failure type is declared).
 */
@Component
public class ProblemStatusResolver {

	private static final Logger log = LoggerFactory.getLogger(ProblemStatusResolver.class);

	private final Map<Class<? extends MalipoException>, HttpStatus> statuses = new HashMap<>();

	ProblemStatusResolver(List<ProblemStatuses> declarations) {
		declarations.forEach((declaration) -> declaration.statuses().forEach((type, status) -> {
			HttpStatus earlier = this.statuses.put(type, status);
			if (earlier != null && earlier != status) {
				throw new IllegalStateException(type.getName() + " is declared both " + earlier + " and " + status);
			}
		}));
	}

	public HttpStatus statusOf(MalipoException ex) {
		for (Class<?> type = ex.getClass(); MalipoException.class.isAssignableFrom(type); type = type.getSuperclass()) {
			HttpStatus status = this.statuses.get(type);
			if (status != null) {
				return status;
			}
		}
		log.error("No module declares the HTTP status of {} ({})", ex.getClass().getName(), ex.code());
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/** Whether some module declared this type or one of its supertypes. */
	public boolean declares(Class<? extends MalipoException> type) {
		for (Class<?> candidate = type; MalipoException.class
			.isAssignableFrom(candidate); candidate = candidate.getSuperclass()) {
			if (this.statuses.containsKey(candidate)) {
				return true;
			}
		}
		return false;
	}

}
