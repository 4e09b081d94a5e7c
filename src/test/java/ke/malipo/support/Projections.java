package ke.malipo.support;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * The finance projection is kept by listeners after each commit, a moment behind the
 * change. Tests that read it after acting wait until every finance publication in the
 * event registry is complete.
 */
public final class Projections {

	private Projections() {
	}

	public static void caughtUp(JdbcClient jdbc) {
		caughtUp(jdbc, "finance");
	}

	/** The same for another module's listeners. */
	public static void caughtUp(JdbcClient jdbc, String module) {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql("""
				select count(*) from events.event_publication
				 where completion_date is null and listener_id like :listeners
				""").param("listeners", "ke.malipo." + module + ".%").query(Long.class).single() == 0);
	}

}
