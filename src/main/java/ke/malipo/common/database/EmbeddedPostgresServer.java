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
				builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
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
