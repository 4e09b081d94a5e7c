package ke.malipo.booking.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ke.malipo.identity.UserId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Psychologists' hours as stored: the weekly pattern and days off as one JSON value. */
@Repository
class AvailabilityRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AvailabilityRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The stored shape of the weekly pattern. */
	record Weekly(List<Availability.Hours> hours, List<Availability.Hours> breaks, List<Availability.TimeOff> timeOff) {
	}

	Optional<Availability> find(UserId psychologist) {
		return this.jdbc.sql("select weekly, auto_approve from booking.availability where psychologist_id = :id")
			.param("id", psychologist.value())
			.query((rs, row) -> {
				Weekly weekly = this.json.readValue(rs.getString("weekly"), Weekly.class);
				return new Availability(weekly.hours(), weekly.breaks(), weekly.timeOff(),
						rs.getBoolean("auto_approve"));
			})
			.optional();
	}

	void save(UserId psychologist, Availability availability, Instant now) {
		String weekly = this.json
			.writeValueAsString(new Weekly(availability.hours(), availability.breaks(), availability.timeOff()));
		this.jdbc.sql("""
				insert into booking.availability (psychologist_id, weekly, auto_approve, updated_at)
				values (:id, cast(:weekly as jsonb), :auto, :now)
				on conflict (psychologist_id) do update set weekly = excluded.weekly,
				  auto_approve = excluded.auto_approve, updated_at = excluded.updated_at
				""")
			.param("id", psychologist.value())
			.param("weekly", weekly)
			.param("auto", availability.autoApprove())
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Sessions that hold a psychologist's time (asked for, approved or paid) in a range.
	 */
	List<Busy> busy(UserId psychologist, Instant from, Instant to) {
		return this.jdbc.sql("""
				select scheduled_at, scheduled_at + make_interval(mins => duration_minutes) as ends_at
				  from booking.sessions
				 where psychologist_id = :id and status in ('PENDING', 'APPROVED', 'CONFIRMED')
				   and scheduled_at < :to and scheduled_at + make_interval(mins => duration_minutes) > :from
				""")
			.param("id", psychologist.value())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, row) -> new Busy(rs.getTimestamp("scheduled_at").toInstant(),
					rs.getTimestamp("ends_at").toInstant()))
			.list();
	}

	/** A stretch of time a session holds. */
	record Busy(Instant start, Instant end) {

		boolean overlaps(Instant otherStart, Instant otherEnd) {
			return this.start.isBefore(otherEnd) && otherStart.isBefore(this.end);
		}

	}

	void delete(UserId psychologist) {
		this.jdbc.sql("delete from booking.availability where psychologist_id = :id")
			.param("id", psychologist.value())
			.update();
	}

}
