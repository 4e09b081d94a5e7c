package ke.malipo.common.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a caller can understand and act on, named after what happened
 * ({@code SlotTaken}, {@code PaymentInProgress}…). It knows nothing of HTTP: each module
 * says how its own failures read over HTTP ({@link ProblemStatuses}), and they become RFC
 * 9457 problem details whose {@code code} is stable (clients switch on it) and whose
 * {@code detail} is written for the person using Malipo.
 */
public abstract class MalipoException extends RuntimeException {

	private final String code;

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	protected MalipoException(String code, String title, String detail) {
		super(detail);
		this.code = code;
		this.title = title;
	}

	/** Adds a machine-readable property to the problem detail. */
	public MalipoException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
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
