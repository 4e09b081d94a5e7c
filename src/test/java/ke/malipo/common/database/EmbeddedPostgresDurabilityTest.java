package ke.malipo.common.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept data, and throw-away data when {@code malipo.database.durable} asks (the
 * benchmarks), reach the disk before a commit is answered; the tests' throw-away server
 * keeps the embedded library's faster defaults. Benchmark figures once claimed durable
 * commits while measuring the fast ones: this is what says which is which.
 */
class EmbeddedPostgresDurabilityTest {

	@TempDir
	Path directory;

	@Test
	void keptDataAndDurableThrowAwayDataWaitForTheDisk() throws SQLException {
		EmbeddedPostgresServer kept = EmbeddedPostgresServer
			.forSettings(settings(this.directory.resolve("postgres").toString(), false));
		try {
			assertThat(commits(kept)).as("kept data, even without asking").isEqualTo("fsync on, synchronous_commit on");
		}
		finally {
			kept.stopNow();
		}
		EmbeddedPostgresServer durable = EmbeddedPostgresServer.forSettings(settings("", true));
		try {
			assertThat(commits(durable)).isEqualTo("fsync on, synchronous_commit on");
			assertThat(durable).as("not the tests' shared server")
				.isNotSameAs(EmbeddedPostgresServer.forDirectory(null));
		}
		finally {
			durable.stopNow();
		}
	}

	@Test
	void theTestsThrowAwayServerDoesNotWait() throws SQLException {
		assertThat(commits(EmbeddedPostgresServer.forSettings(settings("", false))))
			.isEqualTo("fsync off, synchronous_commit off");
	}

	private static DatabaseSettings settings(String dataDirectory, boolean durable) {
		return new DatabaseSettings(true, dataDirectory, "malipo", "", durable);
	}

	private static String commits(EmbeddedPostgresServer server) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl("durability"), server.username(),
				server.password());
				ResultSet settings = connection.createStatement()
					.executeQuery("select 'fsync ' || current_setting('fsync') || ', synchronous_commit ' "
							+ "|| current_setting('synchronous_commit')")) {
			settings.next();
			return settings.getString(1);
		}
	}

}
