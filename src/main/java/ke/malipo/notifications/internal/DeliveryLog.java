package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.instant;
import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * The delivery log as admins read it, from the outbox: every notice on every channel, the
 * messages whose fate nobody knows, and an admin's decision on each of those.
 */
@Repository
public class DeliveryLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	DeliveryLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The delivery log: what was sent on every channel, newest first, with its status,
	 * tries and the last error, for admins.
	 */
	public List<Delivery> deliveries(int limit) {
		return deliveries(limit, null);
	}

	/** The same for some people only (null: everyone). */
	public List<Delivery> deliveries(int limit, @Nullable List<UUID> recipients) {
		return this.jdbc.sql("""
				select id, recipient, channel, kind, title, address, status, tries, created_at, sent_at, read_at, error
				  from notifications.outbox
				 where cast(:everyone as boolean) or recipient = any(:recipients)
				 order by created_at desc, id desc limit :limit
				""")
			.param("limit", limit)
			.param("everyone", recipients == null)
			.param("recipients", (recipients != null) ? recipients.toArray(UUID[]::new) : new UUID[0])
			.query(DeliveryLog::delivery)
			.list();
	}

	/**
	 * Messages whose fate nobody knows, for an admin to decide on: UNKNOWN (the provider
	 * gave no answer) or still SENDING {@code sendingFor} after they were claimed (the
	 * node died mid-send). Neither SMTP nor Africa's Talking takes an idempotency key, so
	 * they are never sent again without a person's decision.
	 */
	public List<Delivery> undecided(Duration sendingFor) {
		return this.jdbc.sql("""
				select id, recipient, channel, kind, title, address, status, tries, created_at, sent_at, read_at, error
				  from notifications.outbox
				 where status = 'UNKNOWN'
				    or (status = 'SENDING' and coalesce(claimed_at, created_at) < :before)
				 order by created_at, id limit :limit
				""")
			.param("before", ts(this.clock.instant().minus(sendingFor)))
			.param("limit", Notices.LIST_LIMIT)
			.query(DeliveryLog::delivery)
			.list();
	}

	/**
	 * An admin's decision on a message of unknown fate: send it again now (the person may
	 * get it twice) or leave it as not delivered. Only a message still undecided changes.
	 * @return false when the message was not waiting for a decision (decided already, or
	 * sent meanwhile)
	 */
	public boolean decide(UUID id, boolean sendAgain, UserId admin, Duration sendingFor) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update notifications.outbox
				   set status = case when :again then 'QUEUED' else 'FAILED' end,
				       next_try_at = case when :again then cast(:now as timestamptz) else next_try_at end,
				       error = case when :again then 'Sent again by an admin; the first try''s fate was unknown'
				                    else 'Not sent again, by an admin''s decision; it may not have arrived' end,
				       decided_by = :admin, decided_at = :now
				 where id = :id
				   and (status = 'UNKNOWN' or (status = 'SENDING' and coalesce(claimed_at, created_at) < :before))
				""")
			.param("again", sendAgain)
			.param("now", ts(now))
			.param("admin", admin.value())
			.param("id", id)
			.param("before", ts(now.minus(sendingFor)))
			.update() == 1;
	}

	/** One line of the delivery log. */
	public record Delivery(UUID id, UserId recipient, String channel, String kind, String title,
			@Nullable String address, String status, int tries, Instant createdAt, @Nullable Instant sentAt,
			@Nullable Instant readAt, @Nullable String error) {
	}

	private static Delivery delivery(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Delivery(rs.getObject("id", UUID.class), new UserId(rs.getObject("recipient", UUID.class)),
				rs.getString("channel"), rs.getString("kind"), rs.getString("title"), rs.getString("address"),
				rs.getString("status"), rs.getInt("tries"), requiredInstant(rs, "created_at"), instant(rs, "sent_at"),
				instant(rs, "read_at"), rs.getString("error"));
	}

}
