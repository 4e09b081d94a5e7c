package ke.malipo.reconciliation.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.daraja.PersonalData;
import ke.malipo.daraja.InvalidDarajaPayloadException;
import ke.malipo.daraja.TransactionStatusResult;
import ke.malipo.daraja.TransactionStatusResults;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * M-Pesa's answers to Transaction Status questions, at the ResultURL and the
 * QueueTimeOutURL. An answer counts only with its question's secret, and only the first
 * one: it is stored raw with what it said, and a completed transaction becomes a record
 * of the TRANSACTION_STATUS source (the strongest after a statement), after which the
 * question's session is reconciled again so that what M-Pesa proved is applied.
 */
@Service
public class StatusResults {

	private static final Logger log = LoggerFactory.getLogger(StatusResults.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MpesaRecordStore store;

	private final Reconciler reconciler;

	private final Clock clock;

	private final LiveChecks checks;

	StatusResults(JdbcClient jdbc, TransactionTemplate transactions, MpesaRecordStore store, Reconciler reconciler,
			Clock clock, LiveChecks checks) {
		this.checks = checks;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.store = store;
		this.reconciler = reconciler;
		this.clock = clock;
	}

	/** What became of an answer. */
	public enum Receipt {

		/** Taken: the first answer to its question. */
		TAKEN,
		/** Its question was answered before; nothing changed. */
		ALREADY_ANSWERED,
		/** No question has this id and secret. */
		UNKNOWN_QUESTION

	}

	/** An answer posted to a question's ResultURL. */
	public Receipt result(UUID question, String secret, String body) {
		TransactionStatusResult result;
		String outcome;
		try {
			result = TransactionStatusResults.parse(body);
			outcome = !result.found() ? "NOT_FOUND" : result.completed() ? "COMPLETED" : "NOT_COMPLETED";
		}
		catch (InvalidDarajaPayloadException ex) {
			result = null;
			outcome = "UNREADABLE";
		}
		return take(question, secret, body, outcome, result);
	}

	/** M-Pesa's word that it gave up on a question (its QueueTimeOutURL). */
	public Receipt timedOut(UUID question, String secret, String body) {
		return take(question, secret, body, "TIMED_OUT", null);
	}

	private Receipt take(UUID question, String secret, String body, String outcome,
			@Nullable TransactionStatusResult result) {
		Instant now = this.clock.instant();
		Asked asked = this.transactions.execute((status) -> {
			Asked found = this.jdbc.sql("""
					select secret_sha256, receipt, session_id, answered_at is not null as answered
					  from reconciliation.status_requests where id = :id for update
					""")
				.param("id", question)
				.query((rs, row) -> new Asked(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
						rs.getBoolean(4)))
				.optional()
				.orElse(null);
			if (found == null || !sameSecret(found.secretSha256(), secret)) {
				return null;
			}
			if (found.answered()) {
				return found;
			}
			this.jdbc.sql("""
					update reconciliation.status_requests set outcome = :outcome, answer = :answer, answered_at = :now
					 where id = :id
					""")
				.param("id", question)
				.param("outcome", outcome)
				// Kept as evidence; the payer's number lives on in the record made from
				// it.
				.param("answer", PersonalData.redact(body))
				.param("now", ts(now))
				.update();
			if (result != null && result.completed() && result.receipt() != null
					&& result.receipt().value().equals(found.receipt())) {
				this.store.store(List.of(record(question, result, now)), null, now);
				this.checks.check(List.of(found.receipt()));
			}
			return new Asked(found.secretSha256(), found.receipt(), found.session(), false);
		});
		if (asked == null) {
			log.warn("A Transaction Status answer for unknown question {} was refused", question);
			return Receipt.UNKNOWN_QUESTION;
		}
		if (asked.answered()) {
			return Receipt.ALREADY_ANSWERED;
		}
		log.info("Transaction Status answered {} for receipt {}", outcome, asked.receipt());
		if ("COMPLETED".equals(outcome) && asked.session() != null) {
			try {
				this.reconciler.reconcileSession(new SessionId(asked.session()), "transaction-status");
			}
			catch (RuntimeException ex) {
				// The record is stored: the next run uses it.
				log.warn("Reconciling session {} after Transaction Status failed: {}", asked.session(), ex.toString());
			}
		}
		return Receipt.TAKEN;
	}

	private static MpesaRecordStore.NewRecord record(UUID question, TransactionStatusResult result, Instant now) {
		String receipt = Objects.requireNonNull(result.receipt()).value();
		return new MpesaRecordStore.NewRecord("TRANSACTION_STATUS",
				MpesaRecordStore.sha256(question + "\u001f" + receipt), 1, receipt,
				Objects.requireNonNullElse(result.finalisedAt(), now), "Completed", result.amount(), null,
				RecordPhone.of(result.debitPartyName()), null, "Transaction Status " + result.conversationId(), null);
	}

	private static boolean sameSecret(String expectedSha256, String secret) {
		return MessageDigest.isEqual(expectedSha256.getBytes(StandardCharsets.US_ASCII),
				MpesaRecordStore.sha256(secret).getBytes(StandardCharsets.US_ASCII));
	}

	private record Asked(String secretSha256, String receipt, @Nullable UUID session, boolean answered) {
	}

}
