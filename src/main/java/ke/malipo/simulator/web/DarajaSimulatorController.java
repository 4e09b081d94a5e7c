package ke.malipo.simulator.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import ke.malipo.simulator.internal.SimulatorAnswer;
import ke.malipo.simulator.internal.SimulatorEndpoints;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Daraja's paths under {@code /simulator/daraja}, with Daraja's methods, shapes and
 * errors.
 */
@RestController
@RequestMapping("/simulator/daraja")
@ConditionalOnBooleanProperty("malipo.simulator.enabled")
class DarajaSimulatorController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SimulatorEndpoints endpoints;

	DarajaSimulatorController(SimulatorEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@GetMapping("/oauth/v1/generate")
	ResponseEntity<Map<String, Object>> oauth(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestParam(name = "grant_type", required = false) @Nullable String grantType) {
		return answer(this.endpoints.oauth(authorization, grantType));
	}

	@PostMapping("/mpesa/stkpush/v1/processrequest")
	ResponseEntity<Map<String, Object>> stkPush(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return call("stkpush", authorization, body);
	}

	@PostMapping("/mpesa/stkpushquery/v1/query")
	ResponseEntity<Map<String, Object>> stkQuery(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return call("stkquery", authorization, body);
	}

	@PostMapping("/mpesa/transactionstatus/v1/query")
	ResponseEntity<Map<String, Object>> transactionStatus(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return call("transactionstatus", authorization, body);
	}

	@PostMapping("/pulltransactions/v1/query")
	ResponseEntity<Map<String, Object>> pull(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return call("pull", authorization, body);
	}

	@PostMapping("/pulltransactions/v1/register")
	ResponseEntity<Map<String, Object>> pullRegister(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return call("pullregister", authorization, body);
	}

	/**
	 * The simulator's initiator key, standing in for the certificate Safaricom publishes
	 * on its portal; the client fetches it in simulator mode.
	 */
	@GetMapping(path = "/initiator-public-key.pem", produces = "application/x-pem-file")
	String initiatorPublicKey() {
		return this.endpoints.initiatorPublicKey();
	}

	/** Any other method or path: Daraja's 405 or 404 bodies, not ours. */
	@RequestMapping("/**")
	ResponseEntity<Map<String, Object>> other(HttpServletRequest request) {
		String path = request.getRequestURI();
		boolean known = path.endsWith("/processrequest") || path.endsWith("/stkpushquery/v1/query")
				|| path.endsWith("/transactionstatus/v1/query") || path.endsWith("/pulltransactions/v1/query")
				|| path.endsWith("/pulltransactions/v1/register") || path.endsWith("/oauth/v1/generate")
				|| path.endsWith("/initiator-public-key.pem");
		if (known) {
			return answer(error(405, "405.001", request.getMethod() + " Method Not Allowed"));
		}
		return answer(error(404, "404.001.01", "Resource not found"));
	}

	private ResponseEntity<Map<String, Object>> call(String operation, @Nullable String authorization,
			@Nullable String body) {
		JsonNode json;
		try {
			json = (body == null || body.isBlank()) ? null : JSON.readTree(body);
		}
		catch (JacksonException ex) {
			json = null;
		}
		if (!this.endpoints.authorized(authorization)) {
			return answer(error(404, "404.001.03", "Invalid Access Token"));
		}
		if (json == null || !json.isObject()) {
			return answer(error(400, "400.002.05", "Invalid Request Payload"));
		}
		return answer(this.endpoints.call(operation, authorization, json));
	}

	private static SimulatorAnswer error(int status, String code, String message) {
		return new SimulatorAnswer(status,
				Map.of("requestId", "sim-" + System.nanoTime(), "errorCode", code, "errorMessage", message));
	}

	private static ResponseEntity<Map<String, Object>> answer(SimulatorAnswer answer) {
		if (answer.body().isEmpty()) {
			return ResponseEntity.status(answer.status()).build();
		}
		return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
	}

}
