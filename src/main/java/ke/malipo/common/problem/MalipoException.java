package ke.malipo.common.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure a caller can understand and act on. It becomes an RFC 9457 problem detail
 * whose {@code code} is stable (clients switch on it) and whose {@code detail} is written
 * for the person using Malipo. Each module declares its own subclasses.
 */
public class MalipoException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public MalipoException(HttpStatus status, String code, String title, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
		this.title = title;
	}

	/** Adds a machine-readable property to the problem detail. */
	public MalipoException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String title() {
		return this.title;
	}

	public Map<String, Object> properties() {
		return Map.copyOf(this.properties);
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (message != null) ? message : this.title;
	}

}
