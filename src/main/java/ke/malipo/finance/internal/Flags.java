package ke.malipo.finance.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ke.malipo.insights.PaymentFlagged;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * The fraud flags insights raised, as the desk shows them: kept from
 * {@link PaymentFlagged} (idempotent: the latest event carries every reason, and a score
 * never goes down), read for a page of rows at once.
 */
@Component
public class Flags {

	private final JdbcClient jdbc;

	Flags(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(PaymentFlagged flagged) {
		this.jdbc.sql("""
				insert into finance.flags (payment_id, score, reasons, flagged_at) values (:id, :score, :reasons, :at)
				on conflict (payment_id) do update set score = excluded.score, reasons = excluded.reasons
				 where finance.flags.score <= excluded.score
				""")
			.param("id", flagged.paymentId())
			.param("score", flagged.score())
			.param("reasons", String.join(",", flagged.reasons()))
			.param("at", ts(flagged.flaggedAt()))
			.update();
	}

	/** The flags of these payments, by payment; a payment without one is absent. */
	public Map<UUID, List<String>> of(Collection<UUID> payments) {
		if (payments.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("select payment_id, reasons from finance.flags where payment_id in (:ids)")
			.param("ids", payments)
			.query((rs, n) -> Map.entry(rs.getObject("payment_id", UUID.class),
					List.of(rs.getString("reasons").split(","))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
