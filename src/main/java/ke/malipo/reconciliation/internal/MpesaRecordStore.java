package ke.malipo.reconciliation.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import ke.malipo.daraja.OrgPortalStatements;
import ke.malipo.daraja.StatementLine;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * M-Pesa's records as reconciliation keeps them: each known by its content's fingerprint
 * and its occurrence among identical rows of its source, so a record seen again (the same
 * statement uploaded twice, two overlapping statements) adds nothing, while identical
 * rows M-Pesa really listed both stay. And the hours each source covers.
 */
@Repository
class MpesaRecordStore {

	private static final int BATCH = 1000;

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	MpesaRecordStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	/** A record to store, as read from its source. */
	record NewRecord(String source, String fingerprint, int occurrence, String receipt, Instant completedAt,
			String status, @Nullable Long paidIn, @Nullable Long withdrawn, @Nullable String phone,
			@Nullable String account, @Nullable String details, @Nullable Long line) {

		static NewRecord of(StatementLine row, String fingerprint, int occurrence, long line) {
			return new NewRecord("STATEMENT", fingerprint, occurrence, row.receipt().value(),
					Objects.requireNonNull(row.completedAt()), row.status(), row.paidIn(), row.withdrawn(),
					RecordPhone.of(row.otherParty()), row.accountNumber(), row.details(), line);
		}

	}

	/**
	 * What makes a statement row itself: everything but the running balance (which two
	 * exports of overlapping periods print alike anyway).
	 */
	static String fingerprint(StatementLine row) {
		return sha256(String.join("\u001f", row.receipt().value(), String.valueOf(row.completedAt()),
				String.valueOf(row.initiatedAt()), row.status(), String.valueOf(row.paidIn()),
				String.valueOf(row.withdrawn()), row.details(), String.valueOf(row.reasonType()),
				String.valueOf(row.otherParty()), String.valueOf(row.linkedTransactionId()),
				String.valueOf(row.accountNumber())));
	}

	/**
	 * Starts a statement in the caller's transaction, before its rows (which refer to it)
	 * are stored; {@link #finishStatement} completes it.
	 */
	void beginStatement(UUID id, String fileName, @Nullable UserId by, Instant now) {
		this.jdbc.sql("""
				insert into reconciliation.statements (id, file_name, sha256, lines, added, period_from, period_to,
				  uploaded_by, uploaded_at)
				values (:id, :name, '', 0, 0, :now, :now, :by, :now)
				""")
			.param("id", id)
			.param("name", fileName)
			.param("by", (by != null) ? by.value() : null)
			.param("now", ts(now))
			.update();
	}

	/**
	 * Completes a statement: its digest, counts, total and period. An imported one covers
	 * its period now; a staged one only when {@link #importStaged} imports it.
	 */
	void finishStatement(UUID id, String digest, int lines, int added, long paidIn, OrgPortalStatements.Period period,
			boolean staged) {
		this.jdbc.sql("""
				update reconciliation.statements set sha256 = :digest, lines = :lines, added = :added,
				  period_from = :from, period_to = :to, paid_in_total = :paidIn, state = :state
				 where id = :id
				""")
			.param("id", id)
			.param("digest", digest)
			.param("lines", lines)
			.param("added", added)
			.param("paidIn", paidIn)
			.param("from", ts(period.from()))
			.param("to", ts(period.to()))
			.param("state", staged ? "STAGED" : "IMPORTED")
			.update();
		if (!staged) {
			cover("STATEMENT", period.from(), period.to());
		}
	}

	/** Imports a staged statement: its rows count and its period is covered from now. */
	boolean importStaged(UUID id) {
		List<OrgPortalStatements.Period> period = this.jdbc.sql("""
				update reconciliation.statements set state = 'IMPORTED' where id = :id and state = 'STAGED'
				returning period_from, period_to
				""")
			.param("id", id)
			.query((rs, row) -> new OrgPortalStatements.Period(
					ke.malipo.common.database.JdbcTimes.requiredInstant(rs, "period_from"),
					ke.malipo.common.database.JdbcTimes.requiredInstant(rs, "period_to")))
			.list();
		period.forEach((p) -> cover("STATEMENT", p.from(), p.to()));
		return !period.isEmpty();
	}

	/**
	 * Deletes staged statements and their rows: the one with this id, or else those
	 * staged before a moment, or else all of them; how many went.
	 */
	int discardStaged(@Nullable UUID id, @Nullable Instant stagedBefore) {
		this.jdbc.sql("""
				delete from reconciliation.records r using reconciliation.statements s
				 where r.statement_id = s.id and s.state = 'STAGED'
				   and (s.id = cast(:id as uuid) or (cast(:id as uuid) is null
				        and (cast(:before as timestamptz) is null or s.uploaded_at < cast(:before as timestamptz))))
				""").param("id", id).param("before", ts(stagedBefore)).update();
		return this.jdbc.sql("""
				delete from reconciliation.statements s where s.state = 'STAGED'
				   and (s.id = cast(:id as uuid) or (cast(:id as uuid) is null
				        and (cast(:before as timestamptz) is null or s.uploaded_at < cast(:before as timestamptz))))
				""").param("id", id).param("before", ts(stagedBefore)).update();
	}

	/**
	 * Stores records of the live sources (Pull, Transaction Status), ignoring those
	 * already known; statements load through {@link StatementRows}. How many were new.
	 */
	int store(List<NewRecord> rows, @Nullable UUID statement, Instant now) {
		int added = 0;
		for (int from = 0; from < rows.size(); from += BATCH) {
			List<NewRecord> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
			int[] counts = this.jdbcTemplate.batchUpdate(
					"""
							insert into reconciliation.records (id, source, fingerprint, occurrence, receipt, completed_at, status,
							  paid_in, withdrawn, phone, account, details, statement_id, line, seen_at)
							values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
							on conflict (source, fingerprint, occurrence) do nothing
							""",
					new org.springframework.jdbc.core.BatchPreparedStatementSetter() {

						@Override
						public void setValues(PreparedStatement ps, int i) throws SQLException {
							NewRecord row = batch.get(i);
							ps.setObject(1, UUID.randomUUID());
							ps.setString(2, row.source());
							ps.setString(3, row.fingerprint());
							ps.setInt(4, row.occurrence());
							ps.setString(5, row.receipt());
							ps.setTimestamp(6, ts(row.completedAt()));
							ps.setString(7, row.status());
							setLong(ps, 8, row.paidIn());
							setLong(ps, 9, row.withdrawn());
							ps.setString(10, row.phone());
							ps.setString(11, row.account());
							ps.setString(12, row.details());
							ps.setObject(13, statement);
							setLong(ps, 14, row.line());
							ps.setTimestamp(15, ts(now));
						}

						@Override
						public int getBatchSize() {
							return batch.size();
						}

					});
			for (int count : counts) {
				added += Math.max(0, count);
			}
		}
		return added;
	}

	/** Records that a source's records are complete from one moment to another. */
	void cover(String source, Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return;
		}
		this.jdbc.sql("""
				insert into reconciliation.coverage (source, covered_from, covered_to) values (:source, :from, :to)
				on conflict do nothing
				""").param("source", source).param("from", ts(from)).param("to", ts(to)).update();
	}

	private static void setLong(PreparedStatement ps, int index, @Nullable Long value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.BIGINT);
		}
		else {
			ps.setLong(index, value);
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
