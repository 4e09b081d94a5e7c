package ke.malipo.support;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * The finance projection is kept after each commit, a moment behind the change: from
 * payments' change feed and by listeners. Tests that read it after acting wait until
 * every finance publication in the event registry is complete and finance's place in the
 * feed is past every committed row.
 */
public final class Projections {

	private Projections() {
	}

	public static void caughtUp(JdbcClient jdbc) {
		caughtUp(jdbc, "finance");
	}

	/**
	 * The same for another module's listeners. When they do not catch up, the failure
	 * names the publications still open (listener, event, when), to find the one stuck.
	 */
	public static void caughtUp(JdbcClient jdbc, String module) {
		try {
			// Generous: on two busy cores a listener may wait its turn for a connection.
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> open(jdbc, module).isEmpty());
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("Publications to " + module + " still open: " + open(jdbc, module), ex);
		}
	}

	private static java.util.List<String> open(JdbcClient jdbc, String module) {
		java.util.List<String> open = new java.util.ArrayList<>(jdbc.sql("""
				select listener_id || ' <- ' || event_type || ' at ' || publication_date from events.event_publication
				 where completion_date is null and listener_id like :listeners order by publication_date limit 10
				""").param("listeners", "ke.malipo." + module + ".%").query(String.class).list());
		// A module that follows payments' change feed is behind while committed rows
		// lie after its place.
		open.addAll(jdbc.sql("""
				select 'feed row ' || f.position || ' <- ' || f.event_type || ' at ' || f.recorded_at
				  from payments.feed f join payments.feed_readers r on r.name = :module
				 where (f.tx, f.position) > (r.tx, r.position) order by f.tx, f.position limit 10
				""").param("module", module).query(String.class).list());
		return open;
	}

}
