package ke.malipo.notifications.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * What notifications know of each session, from booking's events (schema
 * {@code notifications.sessions}): its people, time, length, pay-by, status and moves.
 * The sender checks a reminder against it when the reminder is due; invites are built
 * from it.
 */
@Repository
class TrackedSessions {

	private final JdbcClient jdbc;

	TrackedSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What is known of a session, moving forward only: a late event of an earlier step
	 * never undoes a later one (a cancellation stays cancelled). A session that ends
	 * without taking place has its waiting reminders called off at once.
	 */
	void track(SessionId session, String status, @Nullable UserId client, @Nullable UserId psychologist,
			@Nullable Instant scheduledAt, @Nullable Instant payBy) {
		this.jdbc
			.sql("""
					insert into notifications.sessions (session_id, scheduled_at, status, client_id, psychologist_id, pay_by)
					values (:id, coalesce(cast(:at as timestamptz), 'epoch'::timestamptz), :status, :client, :psychologist,
					 cast(:payBy as timestamptz))
					on conflict (session_id) do update set
					  status = case when notifications.stage(excluded.status) >= notifications.stage(notifications.sessions.status)
					                then excluded.status else notifications.sessions.status end,
					  scheduled_at = coalesce(cast(:at as timestamptz), notifications.sessions.scheduled_at),
					  client_id = coalesce(notifications.sessions.client_id, excluded.client_id),
					  psychologist_id = coalesce(notifications.sessions.psychologist_id, excluded.psychologist_id),
					  pay_by = coalesce(excluded.pay_by, notifications.sessions.pay_by)
					""")
			.param("id", session.value())
			.param("at", ts(scheduledAt))
			.param("status", status)
			.param("client", (client != null) ? client.value() : null)
			.param("psychologist", (psychologist != null) ? psychologist.value() : null)
			.param("payBy", ts(payBy))
			.update();
		if (!status.equals("APPROVED") && !status.equals("CONFIRMED") && !status.equals("PENDING")) {
			// Said at once in the delivery log; the sender checks again when it is due.
			cancelWaiting(session, "The session is " + status.toLowerCase(Locale.ROOT), false);
		}
	}

	/** Remembers how long a session lasts, for its calendar invite. */
	void length(SessionId session, int minutes) {
		this.jdbc.sql("update notifications.sessions set duration_minutes = :m where session_id = :id")
			.param("m", minutes)
			.param("id", session.value())
			.update();
	}

	/**
	 * A session moved: its time (and an approved one's pay-by) follow, unless a later
	 * move is known already, and the reminders planned for the old time are called off
	 * (new ones are planned for the new time).
	 */
	void moved(SessionId session, Instant to, @Nullable Instant payBy, int moves) {
		this.jdbc
			.sql("""
					update notifications.sessions set scheduled_at = :to, pay_by = coalesce(cast(:payBy as timestamptz), pay_by),
					  moves = :moves
					 where session_id = :id and moves < :moves
					""")
			.param("id", session.value())
			.param("moves", moves)
			.param("to", ts(to))
			.param("payBy", ts(payBy))
			.update();
		cancelWaiting(session, "The session moved to another time", true);
	}

	/** Waiting SMS and in-app notices of the session (only its reminders, if asked). */
	private void cancelWaiting(SessionId session, String why, boolean remindersOnly) {
		this.jdbc.sql("""
				update notifications.outbox set status = 'CANCELLED', error = :why
				 where session_id = :id and status = 'QUEUED' and channel in ('SMS', 'IN_APP')
				   and (not :remindersOnly or kind in ('PAYMENT_DUE', 'REMINDER_DAY_BEFORE', 'REMINDER_HOUR_BEFORE'))
				""").param("id", session.value()).param("why", why).param("remindersOnly", remindersOnly).update();
	}

	/**
	 * When a session starts, how long it lasts, who gives it, whether paid, how often
	 * moved.
	 */
	Optional<Times> times(UUID session) {
		return Optional.ofNullable(times(List.of(session)).get(session));
	}

	/** The same for many sessions at once (sessions not tracked are left out). */
	Map<UUID, Times> times(Collection<UUID> sessions) {
		Map<UUID, Times> times = new HashMap<>();
		if (sessions.isEmpty()) {
			return times;
		}
		this.jdbc
			.sql("""
					select session_id, scheduled_at, duration_minutes, psychologist_id, status = 'CONFIRMED' as confirmed, moves
					  from notifications.sessions where session_id = any(:ids)
					""")
			.param("ids", sessions.toArray(UUID[]::new))
			.query((rs) -> {
				times.put(rs.getObject("session_id", UUID.class),
						new Times(requiredInstant(rs, "scheduled_at"),
								(rs.getObject("duration_minutes") != null) ? rs.getInt("duration_minutes") : 50,
								(rs.getObject("psychologist_id") != null)
										? new UserId(rs.getObject("psychologist_id", UUID.class)) : null,
								rs.getBoolean("confirmed"), rs.getInt("moves")));
			});
		return times;
	}

	/**
	 * A session's time and length, its psychologist when known, and its invite's state.
	 */
	record Times(Instant start, int minutes, @Nullable UserId psychologist, boolean confirmed, int moves) {
	}

}
