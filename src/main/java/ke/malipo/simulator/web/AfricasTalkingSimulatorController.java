package ke.malipo.simulator.web;

import java.util.List;

import ke.malipo.simulator.internal.SimulatedSms;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Africa's Talking's SMS API under {@code /simulator/africastalking} (their path, form
 * fields, {@code apiKey} header and answer), and what it took at {@code /simulator/sms}.
 */
@RestController
@ConditionalOnBooleanProperty("malipo.simulator.enabled")
class AfricasTalkingSimulatorController {

	private final SimulatedSms sms;

	AfricasTalkingSimulatorController(SimulatedSms sms) {
		this.sms = sms;
	}

	@PostMapping(path = "/simulator/africastalking/version1/messaging",
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Object> messaging(@RequestHeader(name = "apiKey", required = false) @Nullable String apiKey,
			@RequestParam(required = false) @Nullable String username,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String message,
			@RequestParam(required = false) @Nullable String from) {
		SimulatedSms.Answer answer = this.sms.send(apiKey, username, to, message, from);
		return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
	}

	@GetMapping("/simulator/sms")
	List<SimulatedSms.Sms> received(@RequestParam(required = false) @Nullable String to) {
		return this.sms.received(to);
	}

}
