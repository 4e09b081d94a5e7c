package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentSettlements;
import ke.malipo.payments.PaymentSettlements.PaymentRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Settles the common cases a run finds, through payments and its rules: M-Pesa's records
 * prove money for a payment we hold as failed, unknown or waiting (late money: PAID, or
 * review when the session can no longer take it), or give the receipt of one paid on a
 * query's word. Only items paired by receipt or by our reference qualify, never by amount
 * and phone alone; each item keeps what was done and the payment's state after, and the
 * payment's timeline names M-Pesa's records as the evidence.
 */
@Component
class AutoResolution {

	private static final Logger log = LoggerFactory.getLogger(AutoResolution.class);

	private final JdbcClient jdbc;

	private final PaymentSettlements settlements;

	private final Clock clock;

	/** Each settlement in a transaction of its own: one refused leaves the others. */
	private final TransactionTemplate own;

	AutoResolution(JdbcClient jdbc, PaymentSettlements settlements, Clock clock,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.settlements = settlements;
		this.clock = clock;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	private record Candidate(UUID item, UUID payment, String receipt, long amount, @Nullable String phone,
			String problem, String sources) {
	}

	/** Settles what the run found that M-Pesa's records prove; how many items. */
	int resolve(UUID run) {
		List<Candidate> candidates = this.jdbc.sql("""
				select id, payment_id, record_receipt, record_amount, record_phone, problem, record_sources
				  from reconciliation.items
				 where run_id = :run and resolution is null and problem in ('STATUS_MISMATCH', 'MISSING_RECEIPT')
				   and rule in ('RECEIPT', 'REFERENCE')
				""")
			.param("run", run)
			.query((rs, row) -> new Candidate(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class),
					rs.getString("record_receipt"), rs.getLong("record_amount"), rs.getString("record_phone"),
					rs.getString("problem"), rs.getString("record_sources")))
			.list();
		int settled = 0;
		for (Candidate candidate : candidates) {
			String source = sourceWords(candidate.sources().split("\\+")[0]);
			try {
				PaymentRecord after = java.util.Objects.requireNonNull(this.own
					.execute((status) -> this.settlements.applyMpesaRecords(new PaymentId(candidate.payment()),
							MpesaReceipt.parse(candidate.receipt()), Kes.of(candidate.amount()),
							(candidate.phone() != null && !candidate.phone().contains("*")) ? candidate.phone() : null,
							source)));
				note(candidate.item(),
						"M-Pesa's " + source + " proves receipt " + candidate.receipt() + " for "
								+ Kes.of(candidate.amount()).display() + "; payments applied it"
								+ (("MISSING_RECEIPT".equals(candidate.problem()))
										? " as the receipt that was to follow" : " as late money")
								+ ": the payment is now " + after.payment().state() + ".");
				settled++;
			}
			catch (RuntimeException ex) {
				// Left for a person, with the reason in the log.
				log.warn("Reconciliation could not settle item {} (payment {}): {}", candidate.item(),
						candidate.payment(), ex.toString());
			}
		}
		return settled;
	}

	/** A source as the timeline and the item name it: "M-Pesa's statement". */
	static String sourceWords(String source) {
		return switch (source) {
			case "PULL" -> "Pull Transactions records";
			case "TRANSACTION_STATUS" -> "Transaction Status answer";
			default -> source.toLowerCase(Locale.ROOT).replace('_', ' ');
		};
	}

	private void note(UUID item, String note) {
		this.jdbc
			.sql("""
					update reconciliation.items set resolution = 'AUTO_APPLIED', resolution_note = :note, resolved_at = :now,
					  resolved_by = 'reconciliation'
					 where id = :id and resolution is null
					""")
			.param("note", note)
			.param("now", ts(this.clock.instant()))
			.param("id", item)
			.update();
	}

}
