package ke.malipo.common.database;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The local default: with no {@code spring.datasource.url}, start PostgreSQL inside the
 * application. With a URL this configuration steps aside and Spring Boot connects to that
 * server instead, so production never starts an embedded database.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(DatabaseSettings settings) {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.forSettings(settings);
		return DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(server.jdbcUrl(settings.databaseName()))
			.username(server.username())
			.password(server.password())
			.build();
	}

}
