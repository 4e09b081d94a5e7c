package ke.malipo.common.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL asks for a password (issue 13), even on a developer's machine:
 * another local user or process cannot open the database by knowing its port.
 */
class EmbeddedPostgresPasswordTest {

	private final EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(null);

	@Test
	void noPasswordOrAWrongOneIsRefused() {
		String url = this.server.jdbcUrl("password_check");
		assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
		assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("password authentication failed");
	}

	@Test
	void theServersPasswordOpensItAndNoRuleTrustsAnyone() throws Exception {
		String url = this.server.jdbcUrl("password_check");
		try (Connection connection = DriverManager.getConnection(url, this.server.username(), this.server.password());
				ResultSet rules = connection.createStatement()
					.executeQuery("select auth_method from pg_hba_file_rules where error is null")) {
			int count = 0;
			while (rules.next()) {
				assertThat(rules.getString(1)).isEqualTo("scram-sha-256");
				count++;
			}
			assertThat(count).isPositive();
		}
	}

}
