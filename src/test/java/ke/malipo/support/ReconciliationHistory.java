package ke.malipo.support;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the suite's shared world possible after a test moved the clock forward and
 * reconciled there. A Pull reading made "in the future" covers hours that, once the clock
 * is back, have not happened yet (later tests paying in them would find their payments
 * missing from M-Pesa's records), and a run started in the future would stay the newest
 * for every later test. Production clocks never go back, so this is a test concern only.
 */
public final class ReconciliationHistory {

	private ReconciliationHistory() {
	}

	/** Forgets the coverage, closes and runs that lie after {@code now}. */
	public static void forgetAfter(JdbcClient jdbc, Instant now) {
		Timestamp at = Timestamp.from(now);
		jdbc.sql("delete from reconciliation.coverage where covered_to > :now").param("now", at).update();
		jdbc.sql("delete from reconciliation.closes where attempted_at > :now or closed_at > :now")
			.param("now", at)
			.update();
		jdbc.sql("""
				delete from reconciliation.runs r where started_at > :now
				   and not exists (select 1 from reconciliation.closes c where c.run_id = r.id)
				""").param("now", at).update();
	}

}
