package ke.malipo.common.database;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.ConditionContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The embedded database starts only for the local run, never beside a configured one. */
class EmbeddedDatabaseConditionTest {

	private static boolean embedded(MockEnvironment environment) {
		ConditionContext context = mock(ConditionContext.class);
		when(context.getEnvironment()).thenReturn(environment);
		return new EmbeddedDatabaseCondition().matches(context, null);
	}

	@Test
	void localDefaultIsEmbedded() {
		assertThat(embedded(new MockEnvironment())).isTrue();
	}

	@Test
	void aDatabaseUrlWins() {
		assertThat(embedded(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/malipo")))
			.isFalse();
	}

	@Test
	void productionNeverEmbeds() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThat(embedded(production)).isFalse();
	}

	@Test
	void canBeSwitchedOff() {
		assertThat(embedded(new MockEnvironment().withProperty("malipo.database.embedded", "false"))).isFalse();
	}

}
