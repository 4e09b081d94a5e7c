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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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

	/** Started or starting, by data directory and binaries. */
	private static final Map<String, CompletableFuture<EmbeddedPostgresServer>> RUNNING = new ConcurrentHashMap<>();

	private final EmbeddedPostgres postgres;

	private final String password;

	private final Runnable stopAtExit = this::stop;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
		this.postgres = postgres;
		this.password = password;
	}

	/**
	 * The server for this data directory (or the throw-away one), started on first use.
	 */
	public static EmbeddedPostgresServer forDirectory(@Nullable Path dataDirectory) {
		return forDirectory(dataDirectory, null);
	}

	/**
	 * The same, run from an installed PostgreSQL's binaries (see
	 * {@link DatabaseSettings#serverBinaries()}) or, when null, the bundled ones. Waits
	 * for a start already under way ({@link #startInBackground}).
	 */
	public static EmbeddedPostgresServer forDirectory(@Nullable Path dataDirectory, @Nullable Path serverBinaries) {
		return started(starting(dataDirectory, serverBinaries, false, Runnable::run));
	}

	/** The server these settings describe, started on first use. */
	public static EmbeddedPostgresServer forSettings(DatabaseSettings settings) {
		return started(starting(settings.persistentDirectory(), settings.installedBinaries(), settings.durable(),
				Runnable::run));
	}

	private static EmbeddedPostgresServer started(CompletableFuture<EmbeddedPostgresServer> server) {
		try {
			return server.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Begins starting the server on a thread of its own and returns at once: the local
	 * run calls this as soon as its settings are known, so that initdb and PostgreSQL's
	 * start overlap the seconds Spring spends loading classes before it asks for the
	 * database.
	 */
	public static void startInBackground(DatabaseSettings settings) {
		// Not a daemon: if the application fails before it asks for the database, the JVM
		// waits for the start to finish, so the server is stopped at exit, not orphaned.
		starting(settings.persistentDirectory(), settings.installedBinaries(), settings.durable(),
				(task) -> Thread.ofPlatform().name("embedded-postgres-start").daemon(false).start(task));
	}

	private static CompletableFuture<EmbeddedPostgresServer> starting(@Nullable Path dataDirectory,
			@Nullable Path serverBinaries, boolean durableThrowAway, Executor executor) {
		// Kept data is real data: always committed durably.
		boolean durable = durableThrowAway || dataDirectory != null;
		String key = Optional.ofNullable(dataDirectory)
			.map((dir) -> dir.toAbsolutePath().normalize().toString())
			.orElse("") + "|" + Optional.ofNullable(serverBinaries).map(Path::toString).orElse("") + "|" + durable;
		CompletableFuture<EmbeddedPostgresServer> fresh = new CompletableFuture<>();
		CompletableFuture<EmbeddedPostgresServer> existing = RUNNING.putIfAbsent(key, fresh);
		if (existing != null) {
			return existing;
		}
		executor.execute(() -> {
			try {
				fresh.complete(start(dataDirectory, serverBinaries, durable));
			}
			catch (RuntimeException | Error ex) {
				// Not kept: the next caller tries again rather than inheriting this
				// failure.
				RUNNING.remove(key, fresh);
				fresh.completeExceptionally(ex);
			}
		});
		return fresh;
	}

	private static EmbeddedPostgresServer start(@Nullable Path dataDirectory, @Nullable Path serverBinaries,
			boolean durable) {
		try {
			String password = EmbeddedPostgresPassword.forDirectory(dataDirectory);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false)
				.setConnectConfig("password", password)
				// A test JVM keeps many Spring contexts alive at once, each with its
				// pool.
				.setServerConfig("max_connections", (dataDirectory == null) ? "500" : "200")
				.setServerConfig("timezone", "UTC");
			if (serverBinaries != null) {
				// An installed server's sockets would go to its package's directory,
				// which
				// only its own user may write: TCP on this machine is all the app uses.
				builder.setPgBinaryResolver(new InstalledServerBinaries(serverBinaries))
					.setServerConfig("unix_socket_directories", "");
			}
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				OrphanedServer.stop(dataDirectory);
				builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
			}
			if (durable) {
				// Each commit reaches the disk before it is answered, as on a deployed
				// server. The library's defaults (fsync off, asynchronous commits) suit
				// throw-away tests; these settings come after its own and replace them.
				builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
			}
			EmbeddedPostgres postgres = builder.start();
			EmbeddedPostgresPassword.require(postgres, password);
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, password);
			// After every Spring context has closed (they still need the database while
			// closing).
			SpringApplication.getShutdownHandlers().add(server.stopAtExit);
			log.info("Embedded PostgreSQL started on port {} ({}, {})", postgres.getPort(),
					(dataDirectory != null) ? "data in " + dataDirectory.toAbsolutePath() : "throw-away data",
					durable ? "durable commits" : "commits not waiting for the disk");
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
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + databaseName;
	}

	/** The port the server listens on (this machine only). */
	public int port() {
		return this.postgres.getPort();
	}

	/** The user that owns every database of this server. */
	public String username() {
		return "postgres";
	}

	/** The password of {@link #username()}. */
	public String password() {
		return this.password;
	}

	/**
	 * Stops this server now instead of at the JVM's exit (a test's own persistent
	 * server).
	 */
	void stopNow() {
		SpringApplication.getShutdownHandlers().remove(this.stopAtExit);
		RUNNING.values().removeIf((started) -> started.getNow(null) == this);
		stop();
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
