package ke.malipo.common.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Instants to and from {@code timestamptz} columns, nulls passing through. */
public final class JdbcTimes {

	private JdbcTimes() {
	}

	public static @Nullable Timestamp ts(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * The instant of a {@code not null} column.
	 * @throws IllegalStateException when it is null after all (a schema out of step)
	 */
	public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		if (value == null) {
			throw new IllegalStateException("Column " + column + " is null");
		}
		return value.toInstant();
	}

}
