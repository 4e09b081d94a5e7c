package ke.malipo.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.database.AdvisoryLocks;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Gives new entries their place in the chain, one batch at a time, on one node at a time
 * (a transaction-long advisory lock; others skip the round): each gets the next sequence
 * number and its hash over the previous one. Writers never wait for this, so auditing
 * never serialises payments. A signed checkpoint is written every
 * {@code checkpointEvery}, and the anchor outside the database after every batch.
 */
@Component
public class Sequencer {

	/** The advisory lock class of the sequencer ("AUDT"). */
	private static final int LOCK_CLASS = 0x41554454;

	private static final int BATCH = 5000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	private final AuditKeys keys;

	private final AuditSettings settings;

	private final Clock clock;

	Sequencer(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, AuditKeys keys,
			AuditSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = transactions;
		this.keys = keys;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${malipo.audit.sequence-every:1s}")
	void onSchedule() {
		while (sequence() == BATCH) {
			// more waiting: chain it now
		}
	}

	/** Chains one batch of waiting entries; how many. */
	public int sequence() {
		Batch batch = this.transactions.execute((status) -> {
			boolean mine = AdvisoryLocks.tryForTransaction(this.jdbc, LOCK_CLASS);
			if (!mine) {
				return null;
			}
			List<Waiting> waiting = this.jdbc.sql("""
					select id, at, actor_id, actor_role, actor_name, action, subject, detail from audit.entries
					 where seq is null order by id limit :batch
					""")
				.param("batch", BATCH)
				.query((rs, row) -> new Waiting(rs.getLong("id"), requiredInstant(rs, "at"),
						rs.getObject("actor_id", UUID.class), rs.getString("actor_role"), rs.getString("actor_name"),
						rs.getString("action"), rs.getString("subject"), rs.getString("detail")))
				.list();
			if (waiting.isEmpty()) {
				return null;
			}
			Last last = this.jdbc
				.sql("select seq, hash from audit.entries where seq is not null order by seq desc limit 1")
				.query((rs, row) -> new Last(rs.getLong(1), rs.getString(2)))
				.optional()
				.orElse(new Last(0, Chain.GENESIS));
			long seq = last.seq();
			String hash = last.hash();
			Object[][] updates = new Object[waiting.size()][];
			for (int i = 0; i < waiting.size(); i++) {
				Waiting entry = waiting.get(i);
				seq++;
				hash = Chain.hash(hash, new Chain.Link(seq, entry.at(), entry.actorId(), entry.actorRole(),
						entry.actorName(), entry.action(), entry.subject(), entry.detail()));
				updates[i] = new Object[] { seq, hash, entry.id() };
			}
			this.template.batchUpdate("update audit.entries set seq = ?, hash = ? where id = ?",
					java.util.Arrays.asList(updates));
			String mac = Chain.mac(this.keys.key(), seq, hash);
			if (checkpointDue()) {
				this.jdbc.sql("insert into audit.checkpoints (seq, hash, mac, at) values (:seq, :hash, :mac, :now)")
					.param("seq", seq)
					.param("hash", hash)
					.param("mac", mac)
					.param("now", ts(this.clock.instant()))
					.update();
			}
			return new Batch(waiting.size(), new AuditKeys.Position(seq, hash, mac));
		});
		if (batch == null) {
			return 0;
		}
		this.keys.anchor(batch.position());
		return batch.chained();
	}

	private boolean checkpointDue() {
		@Nullable Timestamp newest = this.jdbc.sql("select max(at) from audit.checkpoints")
			.query((rs, row) -> java.util.Optional.ofNullable(rs.getTimestamp(1)))
			.single()
			.orElse(null);
		Instant now = this.clock.instant();
		return newest == null || !newest.toInstant().plus(this.settings.checkpointEvery()).isAfter(now);
	}

	private record Waiting(long id, Instant at, @Nullable UUID actorId, String actorRole, @Nullable String actorName,
			String action, String subject, String detail) {
	}

	private record Last(long seq, String hash) {
	}

	private record Batch(int chained, AuditKeys.Position position) {
	}

}
