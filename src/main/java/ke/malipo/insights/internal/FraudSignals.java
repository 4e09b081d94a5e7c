package ke.malipo.insights.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import ke.malipo.insights.PaymentFlagged;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Scores payments for fraud signals: the rules, and the anomaly model once history has
 * taught it. Each score is stored with its reasons; a payment that reaches the line is
 * flagged once (flagged_at kept), and {@link PaymentFlagged} tells the finance desk,
 * again only when new reasons appear. A flag is never taken back by a later, calmer
 * score: what worried someone once stays visible to the admin who decides.
 */
@Component
public class FraudSignals {

	private final JdbcClient jdbc;

	private final InsightsSettings settings;

	private final ApplicationEventPublisher events;

	private final AtomicReference<@Nullable AnomalyModel> model = new AtomicReference<>();

	FraudSignals(JdbcClient jdbc, InsightsSettings settings, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.events = events;
	}

	/** Scores one payment as insights knows it now (in the caller's transaction). */
	void score(UUID payment, Instant now) {
		Optional<FraudFeatures> features = this.jdbc.sql(FraudFeatures.query("p.payment_id = :payment"))
			.param("payment", payment)
			.query((rs, n) -> FraudFeatures.read(rs))
			.optional();
		features.ifPresent((f) -> store(f, judge(f), now));
	}

	/** The rules' reasons and, when a model has been trained, its verdict. */
	Judgement judge(FraudFeatures features) {
		List<FraudRules.Reason> reasons = new ArrayList<>(FraudRules.apply(features, this.settings.fraud()));
		AnomalyModel current = this.model.get();
		Double modelScore = null;
		if (current != null) {
			AnomalyModel.Verdict verdict = current.judge(features.vector());
			modelScore = verdict.score();
			if (verdict.anomalous()) {
				reasons.add(FraudRules.Reason.MODEL);
			}
		}
		int score = FraudRules.score(reasons);
		return new Judgement(reasons, score, modelScore, score >= this.settings.fraud().flagAt());
	}

	private void store(FraudFeatures features, Judgement judgement, Instant now) {
		List<String> reasons = judgement.reasons().stream().map(Enum::name).toList();
		// Reasons only grow: the stored ones and the new ones, in the rules' order.
		String previous = this.jdbc.sql("select reasons from insights.signals where payment_id = :payment for update")
			.param("payment", features.payment())
			.query(String.class)
			.optional()
			.orElse("");
		List<String> known = previous.isEmpty() ? List.of() : Arrays.asList(previous.split(","));
		List<String> all = Arrays.stream(FraudRules.Reason.values())
			.map(Enum::name)
			.filter((r) -> reasons.contains(r) || known.contains(r))
			.toList();
		int score = all.stream().mapToInt((r) -> FraudRules.Reason.valueOf(r).weight).sum();
		boolean flagged = score >= this.settings.fraud().flagAt();
		Optional<Instant> flaggedAt = this.jdbc
			.sql("""
					insert into insights.signals (payment_id, score, reasons, model, flagged_at, scored_at)
					values (:payment, :score, :reasons, :model, :flaggedAt, :now)
					on conflict (payment_id) do update set score = excluded.score, reasons = excluded.reasons,
					  model = coalesce(excluded.model, insights.signals.model),
					  flagged_at = coalesce(insights.signals.flagged_at, excluded.flagged_at), scored_at = excluded.scored_at
					returning flagged_at
					""")
			.param("payment", features.payment())
			.param("score", score)
			.param("reasons", String.join(",", all))
			.param("model", judgement.modelScore())
			.param("flaggedAt", flagged ? ts(now) : null)
			.param("now", ts(now))
			.query((rs, n) -> Optional.ofNullable(ke.malipo.common.database.JdbcTimes.instant(rs, "flagged_at")))
			.single();
		if (flaggedAt.isPresent() && !all.equals(known)) {
			this.events.publishEvent(new PaymentFlagged(features.payment(), score, all, flaggedAt.get()));
		}
	}

	/** Puts a newly trained model to work for every later score. */
	void use(AnomalyModel trained) {
		this.model.set(trained);
	}

	@Nullable AnomalyModel model() {
		return this.model.get();
	}

	/** What the rules and the model say of one payment. */
	record Judgement(List<FraudRules.Reason> reasons, int score, @Nullable Double modelScore, boolean flagged) {
	}

}
