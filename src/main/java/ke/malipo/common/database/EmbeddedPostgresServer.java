package ke.malipo.common.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;

/**
 * One PostgreSQL server per JVM and data directory. Every Spring context in a test JVM
 * shares it (contexts come and go, the server stays), and the local run keeps its files
 * so a restart finds its data again. The servers stop when the JVM exits.
 */
public final class EmbeddedPostgresServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private static final Map<String, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * The server for this data directory (or the throw-away one), started on first use.
	 */
	public static EmbeddedPostgresServer forDirectory(@Nullable Path dataDirectory) {
		String key = Optional.ofNullable(dataDirectory)
			.map((dir) -> dir.toAbsolutePath().normalize().toString())
			.orElse("");
		return RUNNING.computeIfAbsent(key, (ignored) -> start(dataDirectory));
	}

	private static EmbeddedPostgresServer start(@Nullable Path dataDirectory) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "200")
				.setServerConfig("timezone", "UTC");
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				stopOrphanedServer(dataDirectory);
				// Kept data is real data: make commits durable (the library defaults suit
				// throw-away tests).
				builder.setDataDirectory(dataDirectory)
					.setCleanDataDirectory(false)
					.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on");
			}
			EmbeddedPostgres postgres = builder.start();
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
			// After every Spring context has closed (they still need the database while
			// closing).
			SpringApplication.getShutdownHandlers().add(server::stop);
			log.info("Embedded PostgreSQL started on port {} ({})", postgres.getPort(),
					(dataDirectory != null) ? "data in " + dataDirectory.toAbsolutePath() : "throw-away data");
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

	/**
	 * A previous run that was killed (not stopped) leaves its PostgreSQL running on the
	 * data directory, which would refuse a second server. Ask it to shut down and wait
	 * for it.
	 */
	private static void stopOrphanedServer(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
		if (!firstLine.matches("\\d+")) {
			return;
		}
		Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(firstLine))
			.filter((process) -> process.info().command().map((command) -> command.endsWith("postgres")).orElse(false));
		if (orphan.isPresent()) {
			log.warn("Stopping a PostgreSQL left running on {} by an earlier run (pid {})", dataDirectory,
					orphan.get().pid());
			orphan.get().destroy();
			try {
				orphan.get().onExit().get(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while stopping PostgreSQL pid " + orphan.get().pid(), ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("PostgreSQL pid " + orphan.get().pid() + " still holds " + dataDirectory
						+ "; stop it and start again", ex);
			}
		}
	}

	/** A JDBC URL for the named database, creating the database if it is new. */
	public String jdbcUrl(String databaseName) {
		if (!DATABASE_NAME.matcher(databaseName).matches()) {
			throw new IllegalArgumentException("Not a plain database name: " + databaseName);
		}
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet existing = statement
				.executeQuery("select 1 from pg_database where datname = '" + databaseName + "'")) {
				if (!existing.next()) {
					statement.execute("create database " + databaseName);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + databaseName, ex);
		}
		return this.postgres.getJdbcUrl("postgres", databaseName);
	}

	private void stop() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL did not stop cleanly", ex);
		}
	}

}
