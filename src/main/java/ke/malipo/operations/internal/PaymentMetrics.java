package ke.malipo.operations.internal;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import ke.malipo.daraja.DarajaCodes;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts payments as they happen, for the three success criteria: completion (paid out of
 * every finished payment), processing time (from initiation to outcome) and the error
 * rate (failures that are not the customer's doing). Heard in the publishing transaction
 * and counted once it commits: a change rolled back never happened, and metrics need no
 * delivery guarantee of their own, so they add no event publication to the payment's
 * path. Each node counts what it published; Prometheus sums the nodes.
 */
@Component
class PaymentMetrics {

	/** Buckets around the 60-second target, for the processing-time histogram. */
	private static final Duration[] BUCKETS = { Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
			Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofSeconds(60), Duration.ofSeconds(90),
			Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1) };

	/**
	 * The result codes Daraja documents; any other is counted as "other", so a gateway
	 * inventing codes cannot grow the number of series without bound.
	 */
	private static final java.util.Set<String> KNOWN_CODES = DarajaCodes.all()
		.stream()
		.map(ke.malipo.daraja.DarajaCode::code)
		.collect(java.util.stream.Collectors.toUnmodifiableSet());

	private final MeterRegistry registry;

	PaymentMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void on(PaymentEvent event) {
		AfterCommit.run(() -> count(event));
	}

	private void count(PaymentEvent event) {
		PaymentFacts payment = event.payment();
		switch (event) {
			case PaymentEvent.PaymentStarted started -> funnel("initiated");
			case PaymentEvent.PromptSent sent -> funnel("accepted");
			case PaymentEvent.PaymentConfirmed confirmed -> {
				funnel("paid");
				finished(payment, "paid", confirmed.occurredAt());
			}
			case PaymentEvent.PaymentFailed failed -> finished(payment, outcomeOfFailure(payment), failed.occurredAt());
			case PaymentEvent.PaymentOutcomeUnknown unknown -> Counter.builder("malipo.payments.unknown")
				.description("Payments whose outcome M-Pesa left unknown for a while (settled later)")
				.register(this.registry)
				.increment();
			default -> {
			}
		}
	}

	/**
	 * Declined: the customer's doing (cancelled, wrong PIN, too little money), not an
	 * error of ours or M-Pesa's. Failed: everything else that ended without money.
	 */
	private static String outcomeOfFailure(PaymentFacts payment) {
		return CustomerCaused.failure(payment.resultCode()) ? "declined" : "failed";
	}

	private void finished(PaymentFacts payment, String outcome, java.time.Instant at) {
		String code = (payment.resultCode() == null) ? "none"
				: KNOWN_CODES.contains(payment.resultCode().strip()) ? payment.resultCode().strip() : "other";
		Counter.builder("malipo.payments")
			.description("Payments that reached an outcome: paid, declined by the customer, or failed")
			.tag("outcome", outcome)
			.tag("result_code", code)
			.register(this.registry)
			.increment();
		Timer.builder("malipo.payments.processing")
			.description("From initiation to outcome")
			.tag("outcome", outcome)
			.serviceLevelObjectives(BUCKETS)
			.register(this.registry)
			.record(Duration.between(payment.createdAt(), at).abs());
	}

	private void funnel(String step) {
		Counter.builder("malipo.payments.funnel")
			.description("Payments initiated, accepted by M-Pesa (prompt sent), and paid")
			.tag("step", step)
			.register(this.registry)
			.increment();
	}

}
