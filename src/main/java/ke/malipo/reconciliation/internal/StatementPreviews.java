package ke.malipo.reconciliation.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;

/**
 * What a staged statement holds, for the preview an admin reads before importing it: its
 * counts, period and paid-in total, and its first rows as they were read.
 */
@Repository
public class StatementPreviews {

	/** Rows the preview shows. */
	public static final int ROWS_SHOWN = 20;

	private final JdbcClient jdbc;

	StatementPreviews(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A staged statement. */
	public record Preview(UUID id, String fileName, int rows, int added, long paidIn, Instant from, Instant to,
			Instant uploadedAt, List<Row> firstRows) {

		/** Rows some earlier statement already brought: they add nothing. */
		public int known() {
			return this.rows - this.added;
		}

	}

	/** One row as M-Pesa listed it, with its line in the file. */
	public record Row(long line, String receipt, Instant completedAt, String status, @Nullable Long paidIn,
			@Nullable Long withdrawn, @Nullable String phone, @Nullable String account) {
	}

	public Optional<Preview> staged(UUID id) {
		return this.jdbc.sql("""
				select * from reconciliation.statements where id = :id and state = 'STAGED'
				""")
			.param("id", id)
			.query((rs, row) -> new Preview(id, rs.getString("file_name"), rs.getInt("lines"), rs.getInt("added"),
					rs.getLong("paid_in_total"), requiredInstant(rs, "period_from"), requiredInstant(rs, "period_to"),
					requiredInstant(rs, "uploaded_at"), firstRows(id)))
			.optional();
	}

	private List<Row> firstRows(UUID statement) {
		return this.jdbc.sql("""
				select line, receipt, completed_at, status, paid_in, withdrawn, phone, account
				  from reconciliation.records where statement_id = :id and line <= 100 order by line limit :limit
				""")
			.param("id", statement)
			.param("limit", ROWS_SHOWN)
			.query((rs, row) -> new Row(rs.getLong("line"), rs.getString("receipt"),
					requiredInstant(rs, "completed_at"), rs.getString("status"), (Long) rs.getObject("paid_in"),
					(Long) rs.getObject("withdrawn"), rs.getString("phone"), rs.getString("account")))
			.list();
	}

}
