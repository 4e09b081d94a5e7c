package ke.malipo.simulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer in Daraja's shape: HTTP status and JSON body. */
public record SimulatorAnswer(int status, Map<String, Object> body) {

	static SimulatorAnswer ok(Map<String, Object> body) {
		return new SimulatorAnswer(200, body);
	}

	/** A status with no body at all. */
	static SimulatorAnswer empty(int status) {
		return new SimulatorAnswer(status, Map.of());
	}

	/** Daraja's gateway error body: {@code {requestId, errorCode, errorMessage}}. */
	static SimulatorAnswer error(int status, String requestId, String errorCode, String errorMessage) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", requestId);
		body.put("errorCode", errorCode);
		body.put("errorMessage", errorMessage);
		return new SimulatorAnswer(status, body);
	}

}
