package ke.malipo.common.database;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the database lives.
 *
 * @param embedded start a PostgreSQL inside the application when no
 * {@code spring.datasource.url} is given (the local default; never in production)
 * @param dataDirectory where the embedded PostgreSQL keeps its files, so a restart keeps
 * accounts and sessions; empty means a throw-away directory (tests)
 * @param databaseName the database the application uses inside the embedded server
 * @param serverBinaries a directory holding an installed PostgreSQL's {@code initdb},
 * {@code pg_ctl} and {@code postgres} to run as the embedded server instead of the
 * bundled PostgreSQL 17 (e.g. Debian's {@code /usr/lib/postgresql/15/bin}, to match the
 * {@code pg_dump} at hand); empty for the bundled one
 * @param durable commit throw-away data to disk before answering, as kept data always is
 * (fsync and synchronous commits): the benchmarks set it to measure what a deployed
 * server's commits cost; tests leave it off, as the embedded server's defaults do, for
 * speed
 */
@ConfigurationProperties("malipo.database")
public record DatabaseSettings(@DefaultValue("true") boolean embedded, @DefaultValue("") String dataDirectory,
		@DefaultValue("malipo") String databaseName, @DefaultValue("") String serverBinaries,
		@DefaultValue("false") boolean durable) {

	/** The installed server binaries to run, or null for the bundled PostgreSQL. */
	public @Nullable Path installedBinaries() {
		return this.serverBinaries.isBlank() ? null : Path.of(this.serverBinaries);
	}

	/** The directory to keep data in, or null for throw-away data. */
	public @Nullable Path persistentDirectory() {
		return this.dataDirectory.isBlank() ? null : Path.of(this.dataDirectory);
	}

}
