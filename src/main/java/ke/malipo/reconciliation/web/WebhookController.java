package ke.malipo.reconciliation.web;

import java.util.List;
import java.util.UUID;

import ke.malipo.identity.CurrentUser;
import ke.malipo.reconciliation.internal.Webhooks;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhooks that hear of finished runs: register one (its signing secret is in the
 * answer, and only there), list them with their recent deliveries, disable one. Admins
 * only.
 */
@RestController
class WebhookController {

	private final Webhooks webhooks;

	WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	record NewWebhook(@Nullable String url) {
	}

	@PostMapping("/api/reconciliation/webhooks")
	@ResponseStatus(HttpStatus.CREATED)
	Webhooks.Created register(CurrentUser admin, @RequestBody NewWebhook request) {
		AdminOnly.check(admin);
		return this.webhooks.register(java.util.Objects.requireNonNullElse(request.url(), ""), admin.id());
	}

	@GetMapping("/api/reconciliation/webhooks")
	List<Webhooks.Endpoint> list(CurrentUser admin) {
		AdminOnly.check(admin);
		return this.webhooks.endpoints();
	}

	@DeleteMapping("/api/reconciliation/webhooks/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void disable(CurrentUser admin, @PathVariable UUID id) {
		AdminOnly.check(admin);
		this.webhooks.disable(id);
	}

}
