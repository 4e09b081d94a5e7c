package ke.malipo.insights.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import ke.malipo.common.safety.LiveDeployment;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.Psychologist;
import ke.malipo.identity.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * On a local run, fills insights with sixteen weeks of synthetic history up to yesterday
 * for the psychologists there are (the demo ones), so the charts and the forecast have
 * something to show. Rows are marked demo and keyed by day, so a restart adds the days
 * since and changes none. Refused on anything that looks like a real deployment.
 */
@Component
class DemoHistorySeeder {

	private static final Logger log = LoggerFactory.getLogger(DemoHistorySeeder.class);

	/** The seed of the local run's history, also the backtest's first seed. */
	static final long SEED = 20261130L;

	private final InsightsSettings settings;

	private final UserDirectory directory;

	private final JdbcClient jdbc;

	private final Clock clock;

	DemoHistorySeeder(InsightsSettings settings, UserDirectory directory, JdbcClient jdbc, Clock clock,
			Environment environment) {
		LiveDeployment.refuse(environment, settings.demoHistory(), "Demo payment history",
				"malipo.insights.demo-history");
		this.settings = settings;
		this.directory = directory;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** After the demo accounts exist (they are created first). */
	@EventListener(ApplicationReadyEvent.class)
	void seed() {
		if (!this.settings.demoHistory()) {
			return;
		}
		List<Psychologist> psychologists = this.directory.psychologists();
		LocalDate yesterday = LocalDate.ofInstant(this.clock.instant(), Eat.ZONE).minusDays(1);
		int added = insert(this.jdbc,
				DemoHistory.days(yesterday.minusDays(Forecasts.HISTORY_DAYS - 1), yesterday, psychologists, SEED));
		if (added > 0) {
			log.info("Seeded {} demo payments into insights for {} psychologists", added, psychologists.size());
		}
	}

	/** Stores the payments as demo rows, each once; answers how many were new. */
	static int insert(JdbcClient jdbc, List<DemoHistory.Payment> payments) {
		int added = 0;
		for (DemoHistory.Payment p : payments) {
			added += jdbc.sql("""
					insert into insights.payments (payment_id, session_id, client_id, psychologist_id, amount, phone,
					  state, result_code, created_at, settled_at, version, demo)
					values (:id, :id, :client, :psychologist, :amount, :phone, :state, :code, :at, :at, 0, true)
					on conflict (payment_id) do nothing
					""")
				.param("id", p.id())
				.param("client", p.client())
				.param("psychologist", p.psychologist())
				.param("amount", p.amount())
				.param("phone", p.phone())
				.param("state", p.state())
				.param("code", p.resultCode())
				.param("at", ts(p.createdAt()))
				.update();
		}
		return added;
	}

}
