package ke.malipo.insights.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Teaches the anomaly model what ordinary payments look like, on a schedule (daily by
 * default, and soon after start): every payment of the last 90 days that no rule flagged,
 * as its features were when it was started. Each node trains its own copy from the same
 * history (the trainer is seeded, so they agree); until there is enough history, scoring
 * is by rules alone.
 */
@Component
class FraudModelTraining {

	private static final Logger log = LoggerFactory.getLogger(FraudModelTraining.class);

	private final JdbcClient jdbc;

	private final FraudSignals signals;

	private final InsightsSettings settings;

	private final Clock clock;

	FraudModelTraining(JdbcClient jdbc, FraudSignals signals, InsightsSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.signals = signals;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${malipo.insights.fraud.retrain-every:24h}",
			initialDelayString = "${malipo.insights.fraud.first-training:30s}")
	void retrain() {
		train();
	}

	/**
	 * Trains on the history now; answers how many payments it learnt from (0: too few).
	 */
	int train() {
		Instant now = this.clock.instant();
		List<double[]> rows = this.jdbc.sql(FraudFeatures.query("""
				p.created_at >= :since and p.created_at < :now
				  and not exists (select 1 from insights.signals s where s.payment_id = p.payment_id
				                   and s.flagged_at is not null)
				"""))
			.param("since", ts(now.minus(Duration.ofDays(this.settings.fraud().trainingDays()))))
			.param("now", ts(now))
			.query((rs, n) -> FraudFeatures.read(rs).vector())
			.list();
		if (rows.size() < AnomalyModel.LEAST_HISTORY) {
			log.info("Fraud signals by rules only: {} payments of history, the model needs {}", rows.size(),
					AnomalyModel.LEAST_HISTORY);
			return 0;
		}
		long started = System.nanoTime();
		this.signals.use(AnomalyModel.train(rows, now));
		log.info("Anomaly model trained on {} payments in {} ms", rows.size(),
				(System.nanoTime() - started) / 1_000_000);
		return rows.size();
	}

}
