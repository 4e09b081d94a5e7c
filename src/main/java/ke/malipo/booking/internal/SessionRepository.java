package ke.malipo.booking.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.booking.PaymentStatus;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.common.problem.ConcurrentUpdateException;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static ke.malipo.common.database.JdbcTimes.instant;
import static ke.malipo.common.database.JdbcTimes.requiredInstant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Sessions in {@code booking.sessions}. Updates are optimistic: each one names the
 * version it read, so two concurrent changes cannot both win.
 */
@Repository
public class SessionRepository {

	private static final String COLUMNS = """
			id, client_id, psychologist_id, scheduled_at, duration_minutes, notes, notes_sealed, amount, status, approved_at, pay_by,
			decline_reason, cancel_reason, cancelled_by, payment_method, payment_status, payment_attempt_id,
			mpesa_checkout_request_id,
			mpesa_merchant_request_id, mpesa_receipt_number, payment_amount, payment_phone, payment_result_code,
			payment_result_desc, payment_initiated_at, payment_verified_at, created_at, updated_at, version, moves""";

	private final JdbcClient jdbc;

	private final NotesCipher notes;

	SessionRepository(JdbcClient jdbc, NotesCipher notes) {
		this.jdbc = jdbc;
		this.notes = notes;
	}

	public void insert(Session session) {
		this.jdbc
			.sql("""
					insert into booking.sessions (id, client_id, psychologist_id, scheduled_at, duration_minutes, notes_sealed, amount,
					  status, payment_method, payment_status, created_at, updated_at, version)
					values (:id, :client, :psychologist, :scheduledAt, :duration, :notes, :amount, :status, :method,
					  :paymentStatus, :createdAt, :updatedAt, 0)
					""")
			.param("id", session.id().value())
			.param("client", session.clientId().value())
			.param("psychologist", session.psychologistId().value())
			.param("scheduledAt", ts(session.scheduledAt()))
			.param("duration", session.durationMinutes())
			.param("notes", this.notes.seal(session.id().value(), session.notes()))
			.param("amount", session.amount().shillings())
			.param("status", session.status().name())
			.param("method", session.payment().method())
			.param("paymentStatus", session.payment().status().name())
			.param("createdAt", ts(session.createdAt()))
			.param("updatedAt", ts(session.updatedAt()))
			.update();
	}

	/**
	 * Writes the session's changes.
	 * @throws ConcurrentUpdateException when someone else changed it since it was read
	 */
	public void update(Session session) {
		SessionPayment payment = session.payment();
		int updated = this.jdbc
			.sql("""
					update booking.sessions set status = :status, scheduled_at = :scheduledAt, approved_at = :approvedAt, pay_by = :payBy,
					  decline_reason = :declineReason, cancel_reason = :cancelReason, cancelled_by = :cancelledBy,
					  payment_method = :method, payment_status = :paymentStatus, payment_attempt_id = :attempt,
					 mpesa_checkout_request_id = :checkout,
					  mpesa_merchant_request_id = :merchant, mpesa_receipt_number = :receipt, payment_amount = :paymentAmount,
					  payment_phone = :phone, payment_result_code = :resultCode, payment_result_desc = :resultDesc,
					  payment_initiated_at = :initiatedAt, payment_verified_at = :verifiedAt, updated_at = :updatedAt,
					  moves = :moves, version = version + 1
					where id = :id and version = :version
					""")
			.param("id", session.id().value())
			.param("version", session.version())
			.param("scheduledAt", ts(session.scheduledAt()))
			.param("moves", session.moves())
			.param("status", session.status().name())
			.param("approvedAt", ts(session.approvedAt()))
			.param("payBy", ts(session.payBy()))
			.param("declineReason", session.declineReason())
			.param("cancelReason", session.cancelReason())
			.param("cancelledBy", (session.cancelledBy() != null) ? session.cancelledBy().value() : null)
			.param("method", payment.method())
			.param("paymentStatus", payment.status().name())
			.param("attempt", payment.attemptId())
			.param("checkout", payment.checkoutRequestId())
			.param("merchant", payment.merchantRequestId())
			.param("receipt", java.util.Objects.toString(payment.receiptNumber(), null))
			.param("paymentAmount", (payment.amount() != null) ? payment.amount().shillings() : null)
			.param("phone", payment.phone())
			.param("resultCode", payment.resultCode())
			.param("resultDesc", payment.resultDescription())
			.param("initiatedAt", ts(payment.initiatedAt()))
			.param("verifiedAt", ts(payment.verifiedAt()))
			.param("updatedAt", ts(session.updatedAt()))
			.update();
		if (updated != 1) {
			throw new ConcurrentUpdateException("This session");
		}
	}

	public Optional<Session> findById(SessionId id) {
		return this.jdbc.sql("select " + COLUMNS + " from booking.sessions where id = :id")
			.param("id", id.value())
			.query(this::map)
			.optional();
	}

	/** Sessions of one client or psychologist, or everyone's (null), soonest first. */
	public List<Session> findVisible(@Nullable UserId client, @Nullable UserId psychologist,
			@Nullable SessionStatus status) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from booking.sessions
				where (cast(:client as uuid) is null or client_id = :client)
				  and (cast(:psychologist as uuid) is null or psychologist_id = :psychologist)
				  and (cast(:status as text) is null or status = :status)
				order by scheduled_at, id
				""")
			.param("client", (client != null) ? client.value() : null)
			.param("psychologist", (psychologist != null) ? psychologist.value() : null)
			.param("status", (status != null) ? status.name() : null)
			.query(this::map)
			.list();
	}

	/**
	 * A page of one client's or psychologist's sessions (or everyone's): upcoming soonest
	 * first, then past latest first.
	 */
	public List<Session> findPage(@Nullable UserId client, @Nullable UserId psychologist, Instant now, int offset,
			int limit) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from booking.sessions
				where (cast(:client as uuid) is null or client_id = :client)
				  and (cast(:psychologist as uuid) is null or psychologist_id = :psychologist)
				order by scheduled_at < :now,
				         case when scheduled_at >= :now then scheduled_at end,
				         scheduled_at desc, id
				offset :offset limit :limit
				""")
			.param("client", (client != null) ? client.value() : null)
			.param("psychologist", (psychologist != null) ? psychologist.value() : null)
			.param("now", ts(now))
			.param("offset", offset)
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	/** Serialises one client's booking requests until the transaction ends. */
	public void lockClientRequests(UserId client) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "booking.requests:" + client.value())
			.query((rs, row) -> 1)
			.list();
	}

	/** A client's sessions waiting for a psychologist's answer: all, and with one. */
	public OpenRequests openRequests(UserId client, UserId psychologist) {
		return this.jdbc.sql("""
				select count(*) as total, count(*) filter (where psychologist_id = :psychologist) as with_psychologist
				  from booking.sessions where client_id = :client and status = 'PENDING'
				""")
			.param("client", client.value())
			.param("psychologist", psychologist.value())
			.query((rs, row) -> new OpenRequests(rs.getInt("total"), rs.getInt("with_psychologist")))
			.single();
	}

	/** How many requests a client has waiting. */
	public record OpenRequests(int total, int withPsychologist) {
	}

	/**
	 * Whether the psychologist has another session holding a slot (APPROVED or CONFIRMED)
	 * that overlaps this time.
	 */
	public boolean hasOverlappingBooking(UserId psychologist, Instant start, Duration length,
			@Nullable SessionId except) {
		return this.jdbc.sql("""
				select exists (select 1 from booking.sessions
				 where psychologist_id = :psychologist and status in ('APPROVED', 'CONFIRMED')
				   and (cast(:except as uuid) is null or id <> :except)
				   and scheduled_at < :end
				   and scheduled_at + make_interval(mins => duration_minutes) > :start)
				""")
			.param("psychologist", psychologist.value())
			.param("except", (except != null) ? except.value() : null)
			.param("start", ts(start))
			.param("end", ts(start.plus(length)))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Serialises slot decisions for one psychologist until the transaction ends, so two
	 * approvals of overlapping sessions cannot both pass the overlap check.
	 */
	public void lockPsychologistCalendar(UserId psychologist) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "booking.calendar:" + psychologist.value())
			.query((rs, row) -> 1)
			.list();
	}

	/**
	 * Ids of sessions due to expire, claimed for this transaction; rows another node is
	 * working on are skipped rather than waited for.
	 */
	public List<SessionId> claimDueToExpire(Instant now, int limit) {
		return this.jdbc.sql("""
				select id from booking.sessions
				 where (status = 'APPROVED' and pay_by <= :now and payment_status in ('UNPAID', 'FAILED'))
				    or (status = 'PENDING' and scheduled_at <= :now)
				 order by id
				 limit :limit
				 for update skip locked
				""")
			.param("now", ts(now))
			.param("limit", limit)
			.query((rs, row) -> new SessionId(rs.getObject("id", UUID.class)))
			.list();
	}

	private static @Nullable UserId userId(ResultSet rs, String column) throws SQLException {
		UUID value = rs.getObject(column, UUID.class);
		return (value != null) ? new UserId(value) : null;
	}

	private Session map(ResultSet rs, int row) throws SQLException {
		long paymentAmount = rs.getLong("payment_amount");
		Kes paid = rs.wasNull() ? null : Kes.of(paymentAmount);
		SessionPayment payment = new SessionPayment(rs.getString("payment_method"),
				PaymentStatus.valueOf(rs.getString("payment_status")), rs.getObject("payment_attempt_id", UUID.class),
				rs.getString("mpesa_checkout_request_id"), rs.getString("mpesa_merchant_request_id"),
				receipt(rs.getString("mpesa_receipt_number")), paid, rs.getString("payment_phone"),
				rs.getString("payment_result_code"), rs.getString("payment_result_desc"),
				instant(rs, "payment_initiated_at"), instant(rs, "payment_verified_at"));
		Session session = new Session(new SessionId(rs.getObject("id", UUID.class)),
				new UserId(rs.getObject("client_id", UUID.class)),
				new UserId(rs.getObject("psychologist_id", UUID.class)), requiredInstant(rs, "scheduled_at"),
				rs.getInt("duration_minutes"), notes(rs), Kes.of(rs.getLong("amount")),
				SessionStatus.valueOf(rs.getString("status")), instant(rs, "approved_at"), instant(rs, "pay_by"),
				rs.getString("decline_reason"), rs.getString("cancel_reason"), userId(rs, "cancelled_by"), payment,
				requiredInstant(rs, "created_at"), requiredInstant(rs, "updated_at"), rs.getInt("version"));
		session.moves = rs.getInt("moves");
		return session;
	}

	/** Sealed notes, or (until NotesSealing has run) notes written before sealing. */
	private @Nullable String notes(ResultSet rs) throws SQLException {
		byte[] sealed = rs.getBytes("notes_sealed");
		return (sealed != null) ? this.notes.open(rs.getObject("id", UUID.class), sealed) : rs.getString("notes");
	}

	/**
	 * Seals up to {@code limit} notes stored before sealing; rows another node is sealing
	 * are skipped.
	 * @return how many were sealed
	 */
	int sealLegacyNotes(int limit) {
		List<Map.Entry<UUID, String>> legacy = this.jdbc
			.sql("select id, notes from booking.sessions where notes is not null limit :limit for update skip locked")
			.param("limit", limit)
			.query((rs, row) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("notes")))
			.list();
		for (Map.Entry<UUID, String> note : legacy) {
			this.jdbc.sql("update booking.sessions set notes_sealed = :sealed, notes = null where id = :id")
				.param("sealed", this.notes.seal(note.getKey(), note.getValue()))
				.param("id", note.getKey())
				.update();
		}
		return legacy.size();
	}

	private static @Nullable MpesaReceipt receipt(@Nullable String stored) {
		return (stored != null) ? new MpesaReceipt(stored) : null;
	}

}
