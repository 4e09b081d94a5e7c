package ke.malipo.common.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import ke.malipo.common.safety.LocalSecrets;
import org.jspecify.annotations.Nullable;

/**
 * The embedded server's superuser password (issue 13): where it is kept, and making the
 * server ask for it.
 */
public final class EmbeddedPostgresPassword {

	private EmbeddedPostgresPassword() {
	}

	/**
	 * The superuser's password: kept beside a persistent data directory (generated on the
	 * first start, owner-only), random for a throw-away server. Base64url, so it needs no
	 * quoting in SQL or a connection string.
	 */
	static String forDirectory(@Nullable Path dataDirectory) {
		byte[] secret;
		if (dataDirectory != null) {
			secret = LocalSecrets.loadOrGenerate(file(dataDirectory), "password for the embedded database");
		}
		else {
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** Where the password of a persistent server is kept: beside its data directory. */
	public static Path file(Path dataDirectory) {
		return dataDirectory.toAbsolutePath().normalize().resolveSibling("postgres-password");
	}

	/**
	 * initdb leaves every local connection trusted. Give the superuser its password and
	 * allow only password (SCRAM) sign-ins from then on, so another user or process on
	 * this machine cannot open the database. A server restarted on kept data already has
	 * both; doing it again changes nothing.
	 */
	static void require(EmbeddedPostgres postgres, String password) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			statement.execute("alter role postgres password '" + password + "'");
			Path hba;
			try (ResultSet file = statement.executeQuery("show hba_file")) {
				file.next();
				hba = Path.of(file.getString(1));
			}
			Files.writeString(hba, """
					# Written by Malipo: password (SCRAM) sign-ins only, from this machine only.
					local all all scram-sha-256
					host  all all 127.0.0.1/32 scram-sha-256
					host  all all ::1/128 scram-sha-256
					""");
			statement.execute("select pg_reload_conf()");
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Could not require a password on the embedded PostgreSQL", ex);
		}
	}

}
