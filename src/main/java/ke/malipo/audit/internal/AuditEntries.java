package ke.malipo.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Writes entries (in the caller's transaction, unsequenced: a plain insert that waits on
 * nothing) and reads them back for the audit page and API.
 */
@Repository
public class AuditEntries {

	/** Rows in one page of the log. */
	public static final int PAGE_SIZE = 50;

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditEntries(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Who did it: a person (id, role, name), M-Pesa, or one of our jobs. */
	public record Actor(@Nullable UUID id, String role, @Nullable String name) {

		public static Actor system(String job) {
			return new Actor(null, "SYSTEM", job);
		}

		public static Actor mpesa() {
			return new Actor(null, "MPESA", "M-Pesa");
		}

	}

	/** An entry as the log shows it; {@code seq} and {@code hash} once it is chained. */
	public record Entry(@Nullable Long seq, Instant at, Actor actor, String action, String subject, String detail,
			@Nullable String hash) {
	}

	/** A filter of the log: any part may be left out. */
	public record Filter(@Nullable String actor, @Nullable String action, @Nullable String subject,
			@Nullable Instant from, @Nullable Instant to) {
	}

	public void append(Actor actor, String action, String subject, String detail) {
		append(this.clock.instant(), actor, action, subject, detail);
	}

	void append(Instant at, Actor actor, String action, String subject, String detail) {
		this.jdbc.sql("""
				insert into audit.entries (at, actor_id, actor_role, actor_name, action, subject, detail)
				values (:at, :actorId, :role, :name, :action, :subject, :detail)
				""")
			.param("at", ts(at))
			.param("actorId", actor.id())
			.param("role", actor.role())
			.param("name", storable(actor.name()))
			.param("action", action)
			.param("subject", storable(subject))
			.param("detail", storable(detail))
			.update();
	}

	/**
	 * Text PostgreSQL can store: what a person typed (a search, a filter) may hold a NUL,
	 * which no text column takes, and an access must be recorded whatever was typed. The
	 * NUL is written as {@code \u0000}, visibly, rather than dropped.
	 */
	static @Nullable String storable(@Nullable String text) {
		return (text == null || text.indexOf('\u0000') < 0) ? text : text.replace("\u0000", "\\u0000");
	}

	/** A page of the log, newest first. */
	public List<Entry> find(Filter filter, int page) {
		return this.jdbc.sql("select * from audit.entries where " + WHERE + """
				 order by coalesce(seq, 9223372036854775807) desc, id desc limit :limit offset :offset
				""")
			.params(params(filter))
			.param("limit", PAGE_SIZE)
			.param("offset", (long) Math.max(0, page) * PAGE_SIZE)
			.query((rs, row) -> new Entry((Long) rs.getObject("seq"), requiredInstant(rs, "at"),
					new Actor(rs.getObject("actor_id", UUID.class), rs.getString("actor_role"),
							rs.getString("actor_name")),
					rs.getString("action"), rs.getString("subject"), rs.getString("detail"), rs.getString("hash")))
			.list();
	}

	public long count(Filter filter) {
		return this.jdbc.sql("select count(*) from audit.entries where " + WHERE)
			.params(params(filter))
			.query(Long.class)
			.single();
	}

	private static final String WHERE = """
			(cast(:actor as text) is null or cast(actor_id as text) = :actor or actor_role = :actor
			   or actor_name ilike '%' || :actor || '%')
			 and (cast(:action as text) is null or action = :action)
			 and (cast(:subject as text) is null or subject = :subject)
			 and (cast(:from as timestamptz) is null or at >= :from)
			 and (cast(:to as timestamptz) is null or at < :to)
			""";

	private static java.util.Map<String, @Nullable Object> params(Filter filter) {
		java.util.Map<String, @Nullable Object> params = new java.util.HashMap<>();
		params.put("actor", blankToNull(filter.actor()));
		params.put("action", blankToNull(filter.action()));
		params.put("subject", blankToNull(filter.subject()));
		params.put("from", ts(filter.from()));
		params.put("to", ts(filter.to()));
		return params;
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
