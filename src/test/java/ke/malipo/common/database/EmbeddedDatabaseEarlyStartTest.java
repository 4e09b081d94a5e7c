package ke.malipo.common.database;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The local run starts its PostgreSQL while Spring is still loading the application, and
 * the data source is then given that same server.
 */
class EmbeddedDatabaseEarlyStartTest {

	@TempDir
	Path directory;

	private static void environmentReady(MockEnvironment environment) {
		new EmbeddedDatabaseEarlyStart().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
				new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
	}

	@Test
	void theServerStartsOnItsOwnAndTheDataSourceGetsThatOne() throws Exception {
		Path data = this.directory.resolve("postgres");
		environmentReady(new MockEnvironment().withProperty("malipo.database.data-directory", data.toString()));
		// Nobody has asked for the server yet: PostgreSQL comes up by itself.
		Path pidFile = data.resolve("postmaster.pid");
		await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(pidFile) && portIn(pidFile) > 0);
		EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(data);
		try {
			assertThat(server.port()).isEqualTo(portIn(pidFile));
			assertThat(EmbeddedPostgresServer.forDirectory(data)).isSameAs(server);
			assertThat(server.jdbcUrl("early")).endsWith(":" + server.port() + "/early");
		}
		finally {
			server.stopNow();
		}
	}

	@Test
	void aFailedStartReachesWhoeverAsksAndIsNotKept() throws Exception {
		Path notADirectory = Files.writeString(this.directory.resolve("a-file"), "not a directory");
		Path data = notADirectory.resolve("postgres");
		environmentReady(new MockEnvironment().withProperty("malipo.database.data-directory", data.toString()));
		// The start's own exception, not wrapped, whichever thread ran the start.
		assertThatThrownBy(() -> EmbeddedPostgresServer.forDirectory(data)).isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("Could not read or create the password for the embedded database");

		// Once the cause is mended, the next ask starts the server: the failure was not
		// kept.
		Files.delete(notADirectory);
		EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(data);
		try {
			assertThat(Files.exists(data.resolve("postmaster.pid"))).isTrue();
		}
		finally {
			server.stopNow();
		}
	}

	private static int portIn(Path pidFile) throws Exception {
		// postmaster.pid: pid, data directory, start time, port, ... (written line by
		// line).
		List<String> lines = Files.readAllLines(pidFile);
		return (lines.size() > 3 && lines.get(3).strip().matches("\\d+")) ? Integer.parseInt(lines.get(3).strip()) : 0;
	}

}
