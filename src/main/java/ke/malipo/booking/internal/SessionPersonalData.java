package ke.malipo.booking.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ke.malipo.identity.PersonalDataHolder;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Booking's part of a person's data rights: their sessions (with the notes they wrote,
 * never the notes a client wrote for them as psychologist), and on erasure the notes
 * removed. Sessions themselves stay: they are what the money records are for.
 */
@Component
class SessionPersonalData implements PersonalDataHolder {

	private final SessionRepository sessions;

	private final JdbcClient jdbc;

	private final Clock clock;

	SessionPersonalData(SessionRepository sessions, JdbcClient jdbc, Clock clock) {
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String section() {
		return "sessions";
	}

	@Override
	public Object export(UserId user) {
		List<Map<String, @Nullable Object>> out = new ArrayList<>();
		List<Session> all = new ArrayList<>(this.sessions.findVisible(user, null, null));
		all.addAll(this.sessions.findVisible(null, user, null));
		for (Session session : all) {
			boolean asClient = session.clientId().equals(user);
			Map<String, @Nullable Object> row = new LinkedHashMap<>();
			row.put("id", session.id().value());
			row.put("as", asClient ? "client" : "psychologist");
			row.put("scheduledAt", session.scheduledAt().toString());
			row.put("durationMinutes", session.durationMinutes());
			row.put("amountKes", session.amount().shillings());
			row.put("status", session.status().name());
			row.put("paymentStatus", session.payment().status().name());
			row.put("mpesaReceiptNumber", java.util.Objects.toString(session.payment().receiptNumber(), null));
			row.put("notes", asClient ? session.notes() : "(the client's, not exported)");
			row.put("declineReason", session.declineReason());
			row.put("cancelReason", session.cancelReason());
			row.put("createdAt", session.createdAt().toString());
			out.add(row);
		}
		return out;
	}

	@Override
	public Optional<String> erasureBlocker(UserId user) {
		int upcoming = this.jdbc.sql("""
				select count(*) from booking.sessions
				 where (client_id = :user or psychologist_id = :user)
				   and status in ('PENDING', 'APPROVED', 'CONFIRMED') and scheduled_at > :now
				""")
			.param("user", user.value())
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.query(Integer.class)
			.single();
		return (upcoming == 0) ? Optional.empty()
				: Optional.of("You have " + upcoming + " upcoming session" + ((upcoming == 1) ? "" : "s")
						+ ": cancel or decline them first, or wait until they have taken place.");
	}

	@Override
	public void erase(UserId user) {
		this.jdbc.sql("update booking.sessions set notes = null, notes_sealed = null where client_id = :user")
			.param("user", user.value())
			.update();
	}

}
