package ke.malipo.operations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import ke.malipo.common.time.Eat;
import ke.malipo.daraja.Daraja;
import ke.malipo.operations.OperationsAlert;
import ke.malipo.payments.PaymentStatistics;
import ke.malipo.reconciliation.OpenProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks at the figures every few minutes and tells admins, in the app and by email, of
 * each one past its threshold, at most once an hour each. Every node may look: the same
 * alert in the same hour is one notice (notifications write each key once). The
 * callbacks-stopped alert is Prometheus's alone: only the node a callback reaches knows
 * it arrived, and counting them in the database would weigh on the busiest path there is.
 */
@Component
class OperationsWatch {

	private static final Logger log = LoggerFactory.getLogger(OperationsWatch.class);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(Eat.ZONE);

	private final PaymentStatistics payments;

	private final OpenProblems reconciliation;

	private final Daraja daraja;

	private final ApplicationEventPublisher events;

	private final OperationsSettings.Watch watch;

	private final Clock clock;

	private final TransactionTemplate transactions;

	OperationsWatch(PaymentStatistics payments, OpenProblems reconciliation, Daraja daraja,
			ApplicationEventPublisher events, OperationsSettings settings, Clock clock,
			TransactionTemplate transactions) {
		this.transactions = transactions;
		this.payments = payments;
		this.reconciliation = reconciliation;
		this.daraja = daraja;
		this.events = events;
		this.watch = settings.watch();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${malipo.operations.watch.every:5m}",
			initialDelayString = "${malipo.operations.watch.every:5m}")
	void onSchedule() {
		try {
			look();
		}
		catch (RuntimeException ex) {
			log.warn("The operations watch could not read its figures; it looks again later: {}", ex.toString());
		}
	}

	/**
	 * Looks once; returns what was past its threshold, announced in one transaction (the
	 * events' publications are stored with it, so none is lost).
	 */
	public List<Verdicts.Verdict> look() {
		return java.util.Objects.requireNonNull(this.transactions.execute((status) -> judge()));
	}

	private List<Verdicts.Verdict> judge() {
		Instant now = this.clock.instant();
		Verdicts.Figures figures = new Verdicts.Figures(this.payments.outcomesSince(now.minus(this.watch.window())),
				this.payments.oldestUnresolvedSince().map((since) -> Duration.between(since, now)).orElse(null),
				this.daraja.circuitState() == Daraja.CircuitState.OPEN, this.reconciliation.count());
		List<Verdicts.Verdict> found = Verdicts.of(figures, this.watch);
		for (Verdicts.Verdict verdict : found) {
			this.events.publishEvent(
					new OperationsAlert(verdict.kind(), verdict.value(), verdict.threshold(), HOUR.format(now)));
		}
		return found;
	}

}
