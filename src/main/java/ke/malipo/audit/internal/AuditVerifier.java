package ke.malipo.audit.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;

/**
 * Verifies the whole trail: every checkpoint signed with our key; the entries numbered 1,
 * 2, 3 … without a gap; each entry's hash recomputed over the one before; the chain equal
 * to every checkpoint and to the anchor kept outside the database; nothing signed beyond
 * the last entry. The first thing wrong is named: the entry (or the first entry a cut or
 * rewritten stretch may start at) and why.
 */
@Service
public class AuditVerifier {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AuditKeys keys;

	AuditVerifier(javax.sql.DataSource dataSource, TransactionTemplate transactions, AuditKeys keys) {
		// Its own template: rows stream in blocks instead of the whole trail at once.
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(10_000);
		this.transactions = transactions;
		this.keys = keys;
	}

	/** What verification found. */
	public record Result(boolean ok, long entries, int checkpoints, long waiting, @Nullable Long firstBadSeq,
			@Nullable String reason) {
	}

	public Result verify() {
		Result result = this.transactions.execute((status) -> check());
		return java.util.Objects.requireNonNull(result);
	}

	private Result check() {
		byte[] key = this.keys.key();
		Map<Long, String[]> checkpoints = new TreeMap<>();
		this.jdbc.query("select seq, hash, mac from audit.checkpoints order by seq",
				(RowCallbackHandler) (rs) -> checkpoints.put(rs.getLong(1),
						new String[] { rs.getString(2), rs.getString(3) }));
		long waiting = java.util.Objects.requireNonNullElse(
				this.jdbc.queryForObject("select count(*) from audit.entries where seq is null", Long.class), 0L);
		long previous = 0;
		for (Map.Entry<Long, String[]> checkpoint : checkpoints.entrySet()) {
			if (!Chain.sameMac(Chain.mac(key, checkpoint.getKey(), checkpoint.getValue()[0]),
					checkpoint.getValue()[1])) {
				// What it vouched for, from the checkpoint before it on, can no longer be
				// trusted.
				return bad(0, checkpoints.size(), waiting, previous + 1,
						"the checkpoint at entry " + checkpoint.getKey() + " is not signed with the audit key (entries "
								+ (previous + 1) + " to " + checkpoint.getKey() + " are unproven)");
			}
			previous = checkpoint.getKey();
		}
		AuditKeys.Position anchor = this.keys.anchor().orElse(null);
		Walk walk = new Walk(checkpoints, (anchor != null) ? anchor.seq() : -1);
		this.jdbc.query("""
				select seq, at, actor_id, actor_role, actor_name, action, subject, detail, hash
				  from audit.entries where seq is not null order by seq
				""",
				(RowCallbackHandler) (rs) -> walk.next(new Chain.Link(rs.getLong("seq"), requiredInstant(rs, "at"),
						rs.getObject("actor_id", UUID.class), rs.getString("actor_role"), rs.getString("actor_name"),
						rs.getString("action"), rs.getString("subject"), rs.getString("detail")),
						rs.getString("hash")));
		if (walk.badSeq != null) {
			return bad(walk.seq, checkpoints.size(), waiting, walk.badSeq, walk.reason);
		}
		Long beyond = checkpoints.keySet().stream().filter((seq) -> seq > walk.seq).findFirst().orElse(null);
		if (beyond != null) {
			return bad(walk.seq, checkpoints.size(), waiting, walk.seq + 1, "entries " + (walk.seq + 1) + " to "
					+ beyond + " are missing: a signed checkpoint reaches entry " + beyond);
		}
		if (anchor != null) {
			if (!Chain.sameMac(Chain.mac(key, anchor.seq(), anchor.hash()), anchor.mac())) {
				return bad(walk.seq, checkpoints.size(), waiting, anchor.seq(),
						"the anchor is not signed with the audit key");
			}
			if (anchor.seq() > walk.seq) {
				return bad(walk.seq, checkpoints.size(), waiting, walk.seq + 1, "entries " + (walk.seq + 1) + " to "
						+ anchor.seq() + " are missing: the anchor reaches entry " + anchor.seq());
			}
			if (!anchor.hash().equals(walk.hashAt(anchor.seq()))) {
				return bad(walk.seq, checkpoints.size(), waiting, walk.lastCheckpointBefore(anchor.seq()) + 1,
						"the chain up to entry " + anchor.seq() + " differs from the anchor: entries after "
								+ walk.lastCheckpointBefore(anchor.seq()) + " were rewritten");
			}
		}
		return new Result(true, walk.seq, checkpoints.size(), waiting, null, null);
	}

	private static Result bad(long entries, int checkpoints, long waiting, long seq, @Nullable String reason) {
		return new Result(false, entries, checkpoints, waiting, seq, reason);
	}

	/** The walk along the chain, stopping at the first thing wrong. */
	private static final class Walk {

		private final Map<Long, String[]> checkpoints;

		private long seq;

		private String hash = Chain.GENESIS;

		private @Nullable String anchorHash;

		private final long anchorSeq;

		private @Nullable Long badSeq;

		private @Nullable String reason;

		Walk(Map<Long, String[]> checkpoints, long anchorSeq) {
			this.checkpoints = checkpoints;
			this.anchorSeq = anchorSeq;
		}

		void next(Chain.Link link, String stored) {
			if (this.badSeq != null) {
				return;
			}
			if (link.seq() != this.seq + 1) {
				fail(this.seq + 1,
						(link.seq() > this.seq + 1)
								? "entry " + (this.seq + 1) + " is missing (the chain jumps to " + link.seq() + ")"
								: "entry " + link.seq() + " appears twice");
				return;
			}
			String computed = Chain.hash(this.hash, link);
			if (!computed.equals(stored)) {
				fail(link.seq(), "entry " + link.seq() + " does not match its hash: changed, moved or inserted");
				return;
			}
			String[] checkpoint = this.checkpoints.get(link.seq());
			if (checkpoint != null && !checkpoint[0].equals(computed)) {
				long from = lastCheckpointBefore(link.seq()) + 1;
				fail(from, "the chain up to entry " + link.seq() + " differs from its signed checkpoint: entries from "
						+ from + " on were rewritten");
				return;
			}
			this.seq = link.seq();
			this.hash = computed;
			if (this.seq == this.anchorSeq) {
				this.anchorHash = computed;
			}
		}

		/**
		 * The hash at a position of the walk: only the newest is kept, and the anchor's.
		 */
		@Nullable String hashAt(long position) {
			return (position == this.seq) ? this.hash : (position == this.anchorSeq) ? this.anchorHash : null;
		}

		long lastCheckpointBefore(long position) {
			return this.checkpoints.keySet().stream().filter((at) -> at < position).reduce((a, b) -> b).orElse(0L);
		}

		private void fail(long at, String why) {
			this.badSeq = at;
			this.reason = why;
		}

	}

}
