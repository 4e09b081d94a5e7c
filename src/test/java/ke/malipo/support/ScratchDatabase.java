package ke.malipo.support;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import ke.malipo.common.database.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A brand-new database on the test JVM's embedded server, for migration tests that start
 * from an older schema version and upgrade it with rows in place.
 */
public final class ScratchDatabase implements AutoCloseable {

	private final HikariDataSource dataSource = new HikariDataSource();

	public ScratchDatabase() {
		String name = "migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(null);
		this.dataSource.setJdbcUrl(server.jdbcUrl(name));
		this.dataSource.setUsername(server.username());
		this.dataSource.setPassword(server.password());
		this.dataSource.setMaximumPoolSize(2);
	}

	public JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

	/** Migrates to the given version ("latest" for all) with application.yml's layout. */
	public void migrateTo(String target) {
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/identity", "classpath:db/migration/booking",
					"classpath:db/migration/events", "classpath:db/migration/payments", "classpath:db/migration/common",
					"classpath:db/migration/finance", "classpath:db/migration/notifications")
			.schemas("identity", "booking", "events", "payments", "limits", "finance", "notifications")
			.defaultSchema("public")
			.createSchemas(true)
			.target(target)
			.load()
			.migrate();
	}

	/**
	 * Migrates one module's own schema (and nothing else), for tests of that module
	 * alone.
	 */
	public void migrateModule(String module) {
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/" + module)
			.schemas(module)
			.defaultSchema("public")
			.createSchemas(true)
			.load()
			.migrate();
	}

	public javax.sql.DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
