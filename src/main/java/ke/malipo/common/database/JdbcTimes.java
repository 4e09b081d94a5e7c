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

}
