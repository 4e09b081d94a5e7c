package ke.malipo.simulator.web;

import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in receiver for Malipo's own webhooks, so they can be tried and tested without
 * a server of one's own: each named inbox keeps its last hundred requests (their
 * {@code Malipo-*} headers and raw body); an inbox whose name starts with {@code fail}
 * answers 500, as a receiver that is down does.
 */
@RestController
@ConditionalOnBooleanProperty("malipo.simulator.enabled")
class WebhookInboxController {

	private static final int KEPT = 100;

	private final Map<String, Deque<Map<String, Object>>> inboxes = new ConcurrentHashMap<>();

	@PostMapping("/simulator/webhook-inbox/{name}")
	ResponseEntity<Void> receive(@PathVariable String name, @RequestBody(required = false) @Nullable String body,
			HttpServletRequest request) {
		Map<String, Object> received = new LinkedHashMap<>();
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header : java.util.Collections.list(request.getHeaderNames())) {
			if (header.toLowerCase(java.util.Locale.ROOT).startsWith("malipo-")) {
				headers.put(header.toLowerCase(java.util.Locale.ROOT), request.getHeader(header));
			}
		}
		received.put("headers", headers);
		received.put("body", (body != null) ? body : "");
		Deque<Map<String, Object>> inbox = this.inboxes.computeIfAbsent(name, (key) -> new ConcurrentLinkedDeque<>());
		inbox.addLast(received);
		while (inbox.size() > KEPT) {
			inbox.pollFirst();
		}
		return name.startsWith("fail") ? ResponseEntity.internalServerError().build() : ResponseEntity.ok().build();
	}

	@GetMapping("/simulator/webhook-inbox/{name}")
	List<Map<String, Object>> received(@PathVariable String name) {
		return new ArrayList<>(this.inboxes.getOrDefault(name, new ConcurrentLinkedDeque<>()));
	}

}
