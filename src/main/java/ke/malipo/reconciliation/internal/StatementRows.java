package ke.malipo.reconciliation.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import ke.malipo.common.database.AdvisoryLocks;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * A statement's rows on their way into the records, in the caller's transaction: they
 * stream into a temporary table with PostgreSQL's COPY (bulk loading, several times
 * faster than inserts row by row), and {@link #finish} moves them into the records in one
 * set-based insert, skipping rows already known, except that an imported statement takes
 * over the rows a preview holds (staged rows count for nothing, and the preview may be
 * discarded later). Only the current block of text is held in memory.
 */
final class StatementRows {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StatementRows.class);

	private static final int FLUSH_AT = 256 * 1024;

	/** The advisory lock class of statement loads ("STMT"). */
	private static final int LOCK_CLASS = 0x53544D54;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final UUID statement;

	private final Instant now;

	private final boolean takeOverStaged;

	private final StringBuilder block = new StringBuilder(FLUSH_AT + 4096);

	private @Nullable CopyIn copy;

	private long copyStarted;

	StatementRows(JdbcClient jdbc, DataSource dataSource, UUID statement, Instant now, boolean takeOverStaged) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.statement = statement;
		this.now = now;
		this.takeOverStaged = takeOverStaged;
	}

	void add(MpesaRecordStore.NewRecord row) {
		field(row.fingerprint()).append('\t');
		this.block.append(row.occurrence()).append('\t');
		field(row.receipt()).append('\t');
		this.block.append(row.completedAt()).append('\t');
		field(row.status()).append('\t');
		field(row.paidIn()).append('\t');
		field(row.withdrawn()).append('\t');
		field(row.phone()).append('\t');
		field(row.account()).append('\t');
		field(row.details()).append('\t');
		field(row.line()).append('\n');
		if (this.block.length() >= FLUSH_AT) {
			flush();
		}
	}

	/** Moves the rows into the records; how many were new to what counts. */
	int finish() {
		flush();
		if (this.copy == null) {
			return 0;
		}
		try {
			this.copy.endCopy();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Loading the statement's rows failed", ex);
		}
		long began = System.nanoTime();
		log.debug("Statement {}: read, checked and copied in {} ms", this.statement,
				(began - this.copyStarted) / 1_000_000);
		// Batch work: sorts and hashes in memory rather than spilled to disk (this
		// transaction only).
		this.jdbc.sql("set local work_mem = '64MB'").update();
		this.jdbc.sql("analyze r_statement").update();
		// Statements load one at a time (a transaction-long lock), so rows already known
		// can be left out by a join and the rest inserted plainly, without the per-row
		// speculative insertion of "on conflict".
		AdvisoryLocks.forTransaction(this.jdbc, LOCK_CLASS);
		int taken = 0;
		if (this.takeOverStaged && Boolean.TRUE
			.equals(this.jdbc.sql("select exists (select 1 from reconciliation.statements where state = 'STAGED')")
				.query(Boolean.class)
				.single())) {
			taken = this.jdbc.sql("""
					update reconciliation.records r set statement_id = :statement, line = s.line, seen_at = :now
					  from r_statement s
					 where r.source = 'STATEMENT' and r.fingerprint = s.fingerprint and r.occurrence = s.occurrence
					   and exists (select 1 from reconciliation.statements st where st.id = r.statement_id
					                and st.state = 'STAGED')
					""").param("statement", this.statement).param("now", ts(this.now)).update();
		}
		// Rows go in in the file's order, with ascending ids. Sorting them by fingerprint
		// first, so the unique index grew only at its end, cost more than it saved
		// (BENCHMARKS.md, F4).
		int inserted = this.jdbc.sql("""
				insert into reconciliation.records (id, source, fingerprint, occurrence, receipt, completed_at, status,
				  paid_in, withdrawn, phone, account, details, statement_id, line, seen_at)
				select cast(:ids || lpad(to_hex(row_number() over ()), 11, '0') as uuid),
				       'STATEMENT', s.fingerprint, s.occurrence, s.receipt, s.completed_at, s.status, s.paid_in,
				       s.withdrawn, s.phone, s.account, s.details, :statement, s.line, :now
				  from r_statement s
				 where not exists (select 1 from reconciliation.records r where r.source = 'STATEMENT'
				                    and r.fingerprint = s.fingerprint and r.occurrence = s.occurrence)
				""")
			.param("statement", this.statement)
			.param("now", ts(this.now))
			.param("ids",
					String.format(java.util.Locale.ROOT, "%012x%09x", this.now.toEpochMilli(),
							java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 36)))
			.update();
		log.debug("Statement {}: {} rows new and {} taken over from a preview in {} ms", this.statement, inserted,
				taken, (System.nanoTime() - began) / 1_000_000);
		return inserted + taken;
	}

	/**
	 * Ends a COPY still under way when the transaction ends without {@link #finish} (the
	 * import failed): a connection in the middle of a COPY accepts nothing else, not even
	 * the rollback, which would wait for ever.
	 */
	private void abandon() {
		if (this.copy != null && this.copy.isActive()) {
			try {
				this.copy.cancelCopy();
			}
			catch (SQLException ex) {
				log.debug("Cancelling the statement's COPY failed", ex);
			}
		}
	}

	private void flush() {
		if (this.block.isEmpty()) {
			return;
		}
		byte[] bytes = this.block.toString().getBytes(StandardCharsets.UTF_8);
		this.block.setLength(0);
		try {
			copyIn().writeToCopy(bytes, 0, bytes.length);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Loading the statement's rows failed", ex);
		}
	}

	private CopyIn copyIn() throws SQLException {
		if (this.copy == null) {
			this.jdbc.sql("""
					create temp table r_statement (fingerprint text, occurrence integer, receipt text,
					  completed_at timestamptz, status text, paid_in bigint, withdrawn bigint, phone text, account text,
					  details text, line bigint) on commit drop
					""").update();
			// The transaction's own connection: the rows load in the import's
			// transaction.
			this.copyStarted = System.nanoTime();
			Connection connection = DataSourceUtils.getConnection(this.dataSource);
			this.copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy r_statement from stdin with (format text)");
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCompletion() {
					abandon();
				}

			});
		}
		return this.copy;
	}

	private static boolean needsEscaping(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

	private StringBuilder field(@Nullable Object value) {
		if (value == null) {
			return this.block.append("\\N");
		}
		String text = value.toString();
		if (!needsEscaping(text)) {
			// Nearly every value: appended whole rather than a character at a time.
			return this.block.append(text);
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> this.block.append("\\\\");
				case '\t' -> this.block.append("\\t");
				case '\n' -> this.block.append("\\n");
				case '\r' -> this.block.append("\\r");
				default -> this.block.append(c);
			}
		}
		return this.block;
	}

}
