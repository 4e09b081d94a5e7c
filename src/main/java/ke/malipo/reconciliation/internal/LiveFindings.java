package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * What the live checks found and nobody has closed yet; closing keeps who, when and why.
 */
@Service
public class LiveFindings {

	private static final int SHOWN = 100;

	private final JdbcClient jdbc;

	private final Clock clock;

	LiveFindings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One finding: which payment, what differs, since when. */
	public record Finding(UUID id, UUID paymentId, UUID sessionId, String problem, String receipt, String detail,
			Instant foundAt) {
	}

	/** Open findings, newest first. */
	public List<Finding> open() {
		return this.jdbc.sql("""
				select * from reconciliation.live_findings where closed_at is null order by found_at desc limit :limit
				""")
			.param("limit", SHOWN)
			.query((rs, row) -> new Finding(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class),
					rs.getObject("session_id", UUID.class), rs.getString("problem"), rs.getString("receipt"),
					rs.getString("detail"), requiredInstant(rs, "found_at")))
			.list();
	}

	/** Closes an open finding with the admin's note. */
	public void close(UUID id, String note, UserId admin) {
		String why = note.strip();
		if (why.length() < 3 || why.length() > 500) {
			throw new InvalidInputException("note", "Say why, in 3 to 500 characters: it is kept with the finding.");
		}
		int closed = this.jdbc.sql("""
				update reconciliation.live_findings set closed_at = :now, closed_by = :by, close_note = :note
				 where id = :id and closed_at is null
				""")
			.param("id", id)
			.param("now", ts(this.clock.instant()))
			.param("by", admin.value())
			.param("note", why)
			.update();
		if (closed == 0) {
			throw new NotFoundException("FINDING_NOT_FOUND", "There is no open finding with that id.");
		}
	}

}
