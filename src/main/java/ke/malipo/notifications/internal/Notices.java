package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.instant;
import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * The outbox of notices in the {@code notifications} schema: written once per event,
 * recipient and channel, read by their recipient.
 */
@Repository
public class Notices {

	/** How many notices a list shows at most, newest first. */
	public static final int LIST_LIMIT = 100;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final io.micrometer.core.instrument.MeterRegistry meters;

	Notices(JdbcClient jdbc, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Counts a delivery's new status ({@code malipo.notifications.deliveries} by channel
	 * and status) for operations: emails failing, SMS not delivered.
	 */
	void counted(String channel, String status, int count) {
		if (count > 0) {
			io.micrometer.core.instrument.Counter.builder("malipo.notifications.deliveries")
				.description("Notices by channel and the status they reached")
				.tag("channel", channel)
				.tag("status", status.toLowerCase(java.util.Locale.ROOT))
				.register(this.meters)
				.increment(count);
		}
	}

	/**
	 * Writes an in-app notice, delivered by being written.
	 * @return false when this event already told this person (a redelivery)
	 */
	boolean deliverInApp(Notice notice) {
		boolean written = insert(notice, "IN_APP", "DELIVERED", null, null, null, null);
		counted("in_app", "DELIVERED", written ? 1 : 0);
		return written;
	}

	/**
	 * An in-app notice that appears at its time (a pay-by nudge), if its session still
	 * wants it then.
	 */
	boolean queueInApp(Notice notice, SessionId session, Instant dueAt, Instant notAfter) {
		return insert(notice, "IN_APP", "QUEUED", null, dueAt, session, notAfter);
	}

	/**
	 * Shows the in-app notices whose time has come, when their session is still approved
	 * and unpaid and their cut-off has not passed; cancels the others.
	 * @return how many appeared
	 */
	int deliverDueInApp() {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update notifications.outbox o set status = 'CANCELLED', error = 'No longer wanted when due'
				  from notifications.sessions s
				 where o.session_id = s.session_id and o.channel = 'IN_APP' and o.status = 'QUEUED'
				   and o.next_try_at <= :now and (s.status is distinct from 'APPROVED' or o.not_after < :now)
				""").param("now", ts(now)).update();
		int delivered = this.jdbc.sql("""
				update notifications.outbox set status = 'DELIVERED', created_at = :now
				 where channel = 'IN_APP' and status = 'QUEUED' and next_try_at <= :now
				""").param("now", ts(now)).update();
		counted("in_app", "DELIVERED", delivered);
		return delivered;
	}

	/**
	 * Queues an email for the sender.
	 * @return false when this event already queued it for this person (a redelivery)
	 */
	boolean queueEmail(Notice notice, String address, @Nullable SessionId session) {
		return insert(notice, "EMAIL", "QUEUED", address, this.clock.instant(), session, null);
	}

	/**
	 * Queues an SMS due at a time, for a session, not to be sent after {@code notAfter}.
	 * @return false when this event already queued it for this person (a redelivery)
	 */
	boolean queueSms(Notice notice, @Nullable String phone, @Nullable SessionId session, Instant dueAt,
			Instant notAfter) {
		return insert(notice, "SMS", "QUEUED", phone, dueAt, session, notAfter);
	}

	/** One row of the outbox, unless this event already wrote it for this person. */
	private boolean insert(Notice notice, String channel, String status, @Nullable String address,
			@Nullable Instant due, @Nullable SessionId session, @Nullable Instant notAfter) {
		return this.jdbc.sql("""
				insert into notifications.outbox (id, dedupe_key, recipient, channel, kind, title, body, link, status,
				  created_at, address, next_try_at, session_id, not_after)
				values (:id, :key, :recipient, :channel, :kind, :title, :body, :link, :status, :now, :address, :due,
				  :session, :notAfter)
				on conflict (dedupe_key) do nothing
				""")
			.param("id", UUID.randomUUID())
			.param("key", notice.key() + ":" + notice.recipient().value() + ":" + channel)
			.param("recipient", notice.recipient().value())
			.param("channel", channel)
			.param("kind", notice.kind().name())
			.param("title", notice.title())
			.param("body", notice.body())
			.param("link", notice.link())
			.param("status", status)
			.param("now", ts(this.clock.instant()))
			.param("address", address)
			.param("due", ts(due))
			.param("session", (session != null) ? session.value() : null)
			.param("notAfter", ts(notAfter))
			.update() == 1;
	}

	/** A person's in-app notices, newest first; only the unread ones when asked. */
	public List<InApp> inApp(UserId recipient, boolean unreadOnly) {
		return this.jdbc
			.sql("""
					select id, kind, title, body, link, created_at, read_at from notifications.outbox
					 where recipient = :recipient and channel = 'IN_APP' and status = 'DELIVERED' and (not :unread or read_at is null)
					 order by created_at desc, id desc limit :limit
					""")
			.param("recipient", recipient.value())
			.param("unread", unreadOnly)
			.param("limit", LIST_LIMIT)
			.query(Notices::inApp)
			.list();
	}

	public int unreadCount(UserId recipient) {
		return this.jdbc.sql("""
				select count(*) from notifications.outbox
				 where recipient = :recipient and channel = 'IN_APP' and status = 'DELIVERED' and read_at is null
				""").param("recipient", recipient.value()).query(Integer.class).single();
	}

	/**
	 * Marks one of the person's notices read (again is harmless).
	 * @return the notice, or empty when it is not theirs
	 */
	public Optional<InApp> markRead(UserId recipient, UUID id) {
		this.jdbc
			.sql("""
					update notifications.outbox set read_at = :now
					 where id = :id and recipient = :recipient and channel = 'IN_APP' and status = 'DELIVERED' and read_at is null
					""")
			.param("id", id)
			.param("recipient", recipient.value())
			.param("now", ts(this.clock.instant()))
			.update();
		return this.jdbc.sql("""
				select id, kind, title, body, link, created_at, read_at from notifications.outbox
				 where id = :id and recipient = :recipient and channel = 'IN_APP' and status = 'DELIVERED'
				""").param("id", id).param("recipient", recipient.value()).query(Notices::inApp).optional();
	}

	/** Marks every notice of the person read. */
	public int markAllRead(UserId recipient) {
		return this.jdbc.sql("""
				update notifications.outbox set read_at = :now
				 where recipient = :recipient and channel = 'IN_APP' and status = 'DELIVERED' and read_at is null
				""").param("recipient", recipient.value()).param("now", ts(this.clock.instant())).update();
	}

	/**
	 * How long a claimed batch is a node's own: a node that died holding one leaves it to
	 * the next claim after this.
	 */
	static final java.time.Duration CLAIM_LEASE = java.time.Duration.ofMinutes(1);

	/**
	 * Takes due messages for this node, in the claiming transaction (one statement for
	 * the batch): no other node takes them while the lease lasts. Nothing has been sent
	 * yet.
	 */
	void claim(java.util.Collection<UUID> ids, Instant now) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.sql("update notifications.outbox set status = 'CLAIMED', claimed_at = :now where id = any(:ids)")
			.param("ids", ids.toArray(UUID[]::new))
			.param("now", ts(now))
			.update();
	}

	/**
	 * Marks a claimed message SENDING just before its provider is called: if this node
	 * dies now, the row says the message may or may not have gone.
	 * @return false when the claim was lost (the lease passed and another node took it)
	 */
	boolean startSending(UUID id, Instant now) {
		return this.jdbc.sql("""
				update notifications.outbox set status = 'SENDING', tries = tries + 1, claimed_at = :now
				 where id = :id and status = 'CLAIMED'
				""").param("id", id).param("now", ts(now)).update() == 1;
	}

	private static InApp inApp(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new InApp(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"),
				rs.getString("body"), rs.getString("link"), requiredInstant(rs, "created_at"), instant(rs, "read_at"));
	}

	/** An in-app notice as its recipient reads it. */
	public record InApp(UUID id, String kind, String title, String body, @Nullable String link, Instant createdAt,
			@Nullable Instant readAt) {
	}

}
