package ke.malipo.insights.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
		EnumSet<FraudRules.Reason> reasons = EnumSet.noneOf(FraudRules.Reason.class);
		reasons.addAll(FraudRules.apply(features, this.settings.fraud()));
		AnomalyModel current = this.model.get();
		Double modelScore = null;
		if (current != null) {
			AnomalyModel.Verdict verdict = current.judge(features.vector());
			modelScore = verdict.score();
			if (verdict.anomalous()) {
				reasons.add(FraudRules.Reason.MODEL);
			}
		}
		return new Judgement(reasons, modelScore);
	}

	private void store(FraudFeatures features, Judgement judgement, Instant now) {
		// Two events of one payment may be scored at once: the row is made first, then
		// locked, so the second scorer reads what the first wrote.
		this.jdbc.sql("""
				insert into insights.signals (payment_id, score, reasons, scored_at) values (:payment, 0, '', :now)
				on conflict (payment_id) do nothing
				""").param("payment", features.payment()).param("now", ts(now)).update();
		String previous = this.jdbc.sql("select reasons from insights.signals where payment_id = :payment for update")
			.param("payment", features.payment())
			.query(String.class)
			.single();
		EnumSet<FraudRules.Reason> known = EnumSet.noneOf(FraudRules.Reason.class);
		if (!previous.isEmpty()) {
			Arrays.stream(previous.split(",")).map(FraudRules.Reason::valueOf).forEach(known::add);
		}
		// Reasons only grow: the stored ones and the new ones, in the rules' order.
		EnumSet<FraudRules.Reason> all = EnumSet.copyOf(known);
		all.addAll(judgement.reasons());
		int score = FraudRules.score(all);
		List<String> names = all.stream().map(Enum::name).toList();
		Optional<Instant> flaggedAt = this.jdbc.sql("""
				update insights.signals set score = :score, reasons = :reasons, model = coalesce(:model, model),
				  flagged_at = coalesce(flagged_at, :flaggedAt), scored_at = :now
				 where payment_id = :payment
				returning flagged_at
				""")
			.param("payment", features.payment())
			.param("score", score)
			.param("reasons", String.join(",", names))
			.param("model", judgement.modelScore())
			.param("flaggedAt", (score >= this.settings.fraud().flagAt()) ? ts(now) : null)
			.param("now", ts(now))
			.query((rs, n) -> Optional.ofNullable(ke.malipo.common.database.JdbcTimes.instant(rs, "flagged_at")))
			.single();
		if (flaggedAt.isPresent() && !all.equals(known)) {
			this.events.publishEvent(new PaymentFlagged(features.payment(), score, names, flaggedAt.get()));
		}
	}

	/** Puts a newly trained model to work for every later score. */
	void use(AnomalyModel trained) {
		this.model.set(trained);
	}

	@Nullable AnomalyModel model() {
		return this.model.get();
	}

	/**
	 * What the rules and the model say of one payment: its reasons, and the model's
	 * score.
	 */
	record Judgement(Set<FraudRules.Reason> reasons, @Nullable Double modelScore) {
	}

}
