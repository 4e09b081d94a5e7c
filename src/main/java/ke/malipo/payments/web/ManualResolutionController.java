package ke.malipo.payments.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.internal.ManualResolution;
import ke.malipo.payments.internal.PaymentAttempt;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin's decisions on a payment, over the API: ask M-Pesa now, or settle a payment in
 * review by hand. Each answers with the payment as payments now holds it and its
 * timeline, so the decision reads back at once. Admins only (the security rules for
 * {@code /api/admin/**}, and {@link ManualResolution} itself).
 */
@RestController
class ManualResolutionController {

	private final ManualResolution resolution;

	ManualResolutionController(ManualResolution resolution) {
		this.resolution = resolution;
	}

	/**
	 * Asks M-Pesa about the payment now (STK query, or its Pull records) instead of
	 * waiting for the schedule, and applies what M-Pesa proves.
	 */
	@PostMapping("/api/admin/transactions/{id}/check")
	SettledView check(CurrentUser admin, @PathVariable UUID id) {
		this.resolution.askMpesaNow(admin, new PaymentId(id));
		return SettledView.of(this.resolution.settled(new PaymentId(id)));
	}

	/**
	 * Settles a payment in review by hand: {@code PAID} with the M-Pesa receipt, or
	 * {@code FAILED}; always with a reason.
	 */
	@PostMapping("/api/admin/transactions/{id}/resolve")
	SettledView resolve(CurrentUser admin, @PathVariable UUID id, @RequestBody Decision decision) {
		this.resolution.resolve(admin, new PaymentId(id), ManualResolution.moneyArrived(decision.outcome()),
				decision.mpesaReceiptNumber(), decision.reason());
		return SettledView.of(this.resolution.settled(new PaymentId(id)));
	}

	/** An admin's decision on a payment in review. */
	record Decision(@Nullable String outcome, @Nullable String mpesaReceiptNumber, @Nullable String reason) {
	}

	/** The payment after the decision, and its timeline. */
	record SettledView(PaymentView transaction, List<Step> timeline) {

		static SettledView of(ManualResolution.Settled settled) {
			PaymentAttempt attempt = settled.attempt();
			return new SettledView(
					new PaymentView(attempt.id().value(), attempt.sessionId().value(), attempt.state().name(),
							Objects.toString(attempt.receipt(), null), attempt.amount().shillings(), attempt.reason(),
							eat(attempt.updatedAt())),
					settled.timeline()
						.stream()
						.map((step) -> new Step(eat(step.at()), step.kind().name(), step.detail()))
						.toList());
		}

		private static OffsetDateTime eat(java.time.Instant at) {
			return at.atZone(Eat.ZONE).toOffsetDateTime();
		}

	}

	/** The payment as payments holds it. */
	record PaymentView(UUID paymentId, UUID sessionId, String status, @Nullable String mpesaReceiptNumber, long amount,
			@Nullable String outcome, OffsetDateTime updatedAt) {
	}

	/** A step of the payment's timeline. */
	record Step(OffsetDateTime at, String kind, String detail) {
	}

}
