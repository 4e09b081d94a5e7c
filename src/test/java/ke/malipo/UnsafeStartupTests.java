package ke.malipo;

import ke.malipo.common.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deployment that sets an external database but forgets the prod profile must not get
 * the demo accounts (issue 13): the application refuses to start and says what to set.
 * (Every other unsafe configuration is checked by {@code LiveDeploymentTest}.)
 */
class UnsafeStartupTests {

	@Test
	void anExternalDatabaseWithDemoAccountsDoesNotStart() {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(null);
		String url = server.jdbcUrl("unsafe_start");
		assertThatThrownBy(() -> new SpringApplicationBuilder(MalipoApplication.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "malipo.simulator.enabled=false")
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=" + server.password(), "--malipo.identity.demo-accounts=true")
			.close()).rootCause()
			.hasMessageContaining("Demo accounts cannot be on when an external database is configured")
			.hasMessageContaining("set malipo.identity.demo-accounts=false");
	}

}
