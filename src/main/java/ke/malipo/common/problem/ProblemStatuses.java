package ke.malipo.common.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * How one module's failures read over HTTP. Each module declares a bean in its web
 * package naming the status of each of its own exception types; a type not named takes
 * the status of its nearest named supertype.
 */
public interface ProblemStatuses {

	Map<Class<? extends MalipoException>, HttpStatus> statuses();

}
