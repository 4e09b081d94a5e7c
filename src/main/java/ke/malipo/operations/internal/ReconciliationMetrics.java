package ke.malipo.operations.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import ke.malipo.reconciliation.RunFinished;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts reconciliation runs over ranges of days by how they ended and who started them:
 * a daily close that stops finishing, or keeps failing, shows here.
 */
@Component
class ReconciliationMetrics {

	private final MeterRegistry registry;

	ReconciliationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void on(RunFinished run) {
		AfterCommit.run(() -> Counter.builder("malipo.reconciliation.runs")
			.description("Reconciliation runs over ranges of days, by status and starter")
			.tag("status", run.status())
			.tag("started_by", "schedule".equals(run.startedBy()) ? "schedule" : "admin")
			.register(this.registry)
			.increment());
	}

}
