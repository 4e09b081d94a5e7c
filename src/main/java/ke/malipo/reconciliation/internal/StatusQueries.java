package ke.malipo.reconciliation.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.daraja.Daraja;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Asks M-Pesa about receipts with Transaction Status: its answer is M-Pesa's own record
 * of one receipt, posted later to a ResultURL that carries a secret of this question
 * alone ({@link StatusResults} takes it). Used for our paid payments that no other source
 * shows: older than Pull reaches, or missing from what was read. A receipt is not asked
 * about again while an earlier question is young or was answered "completed".
 */
@Component
class StatusQueries {

	/** The paths M-Pesa posts answers to; the question's id and secret follow. */
	static final String RESULT_PATH = "/hooks/reconciliation/status-result";

	static final String TIMEOUT_PATH = "/hooks/reconciliation/status-timeout";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Daraja daraja;

	private final JdbcClient jdbc;

	private final ReconciliationSettings settings;

	private final Clock clock;

	StatusQueries(Daraja daraja, JdbcClient jdbc, ReconciliationSettings settings, Clock clock) {
		this.daraja = daraja;
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/** A receipt worth asking about, and whose it is. */
	record Question(String receipt, @Nullable UUID payment, @Nullable UUID session) {
	}

	/**
	 * Our paid payments in a run that no M-Pesa record shows (money missing, or hours no
	 * source covers), at most {@code statusQueriesPerRun}, oldest first.
	 */
	List<Question> unprovenIn(UUID run) {
		return this.jdbc.sql("""
				select our_receipt, payment_id, session_id from reconciliation.items
				 where run_id = :run and our_state = 'PAID' and our_receipt is not null and record_receipt is null
				   and rule in ('NO_RECORD', 'NOT_COVERED')
				 order by our_at limit :limit
				""")
			.param("run", run)
			.param("limit", this.settings.statusQueriesPerRun())
			.query((rs, row) -> new Question(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)))
			.list();
	}

	/** Asks about each question not asked recently; how many were asked. */
	int ask(List<Question> questions, String askedBy) {
		int asked = 0;
		for (Question question : questions) {
			if (ask(question, askedBy).isPresent()) {
				asked++;
			}
		}
		return asked;
	}

	/**
	 * The question's id when it was put to M-Pesa (whether or not M-Pesa accepted it).
	 */
	Optional<UUID> ask(Question question, String askedBy) {
		Optional<MpesaReceipt> receipt = MpesaReceipt.tryParse(question.receipt());
		if (receipt.isEmpty() || askedRecently(question.receipt())) {
			return Optional.empty();
		}
		UUID id = UUID.randomUUID();
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.jdbc
			.sql("""
					insert into reconciliation.status_requests (id, secret_sha256, receipt, payment_id, session_id, asked_at,
					  asked_by)
					values (:id, :secret, :receipt, :payment, :session, :now, :by)
					""")
			.param("id", id)
			.param("secret", MpesaRecordStore.sha256(secret))
			.param("receipt", question.receipt())
			.param("payment", question.payment())
			.param("session", question.session())
			.param("now", ts(this.clock.instant()))
			.param("by", askedBy)
			.update();
		// The question is stored before it is sent, so an answer faster than this call's
		// own return finds it.
		Optional<String> conversation = this.daraja.transactionStatus(receipt.get(),
				this.daraja.callbackUrl(RESULT_PATH + "/" + id + "/" + secret),
				this.daraja.callbackUrl(TIMEOUT_PATH + "/" + id + "/" + secret));
		this.jdbc.sql("""
				update reconciliation.status_requests
				   set conversation_id = :conversation,
				       outcome = case when cast(:conversation as text) is null and outcome is null then 'REFUSED'
				                 else outcome end
				 where id = :id
				""").param("id", id).param("conversation", conversation.orElse(null)).update();
		return Optional.of(id);
	}

	private boolean askedRecently(String receipt) {
		return this.jdbc.sql("""
				select count(*) > 0 from reconciliation.status_requests
				 where receipt = :receipt and (outcome = 'COMPLETED' or asked_at > :since)
				""")
			.param("receipt", receipt)
			.param("since", ts(this.clock.instant().minus(this.settings.statusAskAgainAfter())))
			.query(Boolean.class)
			.single();
	}

}
