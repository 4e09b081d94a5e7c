package ke.malipo.operations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import ke.malipo.payments.PaymentStatistics;
import ke.malipo.reconciliation.OpenProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What stands now, read when Prometheus scrapes: the age of the oldest payment whose
 * outcome is open, initiations queued while M-Pesa is away, seconds since this node last
 * heard a callback, reconciliation's open differences, and how far behind payments'
 * change feed each module that follows it is. The database figures are read at most once
 * per {@code malipo.operations.figures-for}, however often and by however many servers
 * the node is scraped.
 */
@Component
class StateGauges implements MeterBinder {

	private final PaymentStatistics payments;

	private final OpenProblems reconciliation;

	private final Clock clock;

	private final Duration figuresFor;

	private final Instant started;

	private @Nullable Figures figures;

	StateGauges(PaymentStatistics payments, OpenProblems reconciliation, Clock clock, OperationsSettings settings) {
		this.payments = payments;
		this.reconciliation = reconciliation;
		this.clock = clock;
		this.figuresFor = settings.figuresFor();
		this.started = clock.instant();
	}

	/** The database's figures at a moment. */
	record Figures(Instant readAt, @Nullable Instant oldestUnresolved, int queued, int openProblems,
			Map<String, Optional<Instant>> feedUnread) {
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("malipo.payments.unresolved.oldest.age", this, StateGauges::oldestUnresolvedAge)
			.description("Seconds since the oldest payment whose outcome is still open was started (0: none)")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("malipo.payments.queued", this, (gauges) -> gauges.figures().queued())
			.description("Initiations queued while M-Pesa could not be reached")
			.register(registry);
		Gauge.builder("malipo.mpesa.callbacks.last.age", this, StateGauges::lastCallbackAge)
			.description("Seconds since this node last stored an STK callback (since it started, when none yet)")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("malipo.reconciliation.open.problems", this, (gauges) -> gauges.figures().openProblems())
			.description("Discrepancies and unmatched items of the last 30 days nobody has explained or settled")
			.register(registry);
		for (String reader : this.payments.feedReaders()) {
			Gauge.builder("malipo.payments.feed.behind", this, (gauges) -> gauges.feedBehind(reader))
				.description("Seconds since the oldest row of payments' change feed this module has still to apply "
						+ "was recorded (0: none)")
				.tag("reader", reader)
				.baseUnit("seconds")
				.register(registry);
		}
	}

	private double feedBehind(String reader) {
		return figures().feedUnread().getOrDefault(reader, Optional.empty()).map(this::secondsSince).orElse(0.0);
	}

	private double oldestUnresolvedAge() {
		Instant oldest = figures().oldestUnresolved();
		return (oldest == null) ? 0 : secondsSince(oldest);
	}

	private double lastCallbackAge() {
		return secondsSince(this.payments.lastCallbackAt().orElse(this.started));
	}

	private double secondsSince(Instant then) {
		return Math.max(0, Duration.between(then, this.clock.instant()).toMillis() / 1000.0);
	}

	synchronized Figures figures() {
		Instant now = this.clock.instant();
		Figures current = this.figures;
		if (current == null || !now.isBefore(current.readAt().plus(this.figuresFor))) {
			current = new Figures(now, this.payments.oldestUnresolvedSince().orElse(null), this.payments.queued(),
					this.reconciliation.count(), this.payments.feedUnreadSince());
			this.figures = current;
		}
		return current;
	}

}
