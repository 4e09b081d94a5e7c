package ke.malipo.insights.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import ke.malipo.common.database.JdbcTimes;
import ke.malipo.common.safety.LiveDeployment;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.Psychologist;
import ke.malipo.identity.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * On a local run, fills insights with sixteen weeks of synthetic history up to yesterday
 * for the psychologists there are (the demo ones), so the charts and the forecast have
 * something to show. Rows are marked demo and keyed by day; a restart adds only the days
 * since the last seeded one, in one batch. Refused on anything that looks like a real
 * deployment.
 */
@Component
class DemoHistorySeeder {

	private static final Logger log = LoggerFactory.getLogger(DemoHistorySeeder.class);

	/** The seed of the local run's history, also the backtest's first seed. */
	static final long SEED = 20261130L;

	private final InsightsSettings settings;

	private final UserDirectory directory;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final Clock clock;

	DemoHistorySeeder(InsightsSettings settings, UserDirectory directory, JdbcClient jdbc, JdbcTemplate batches,
			Clock clock, Environment environment) {
		LiveDeployment.refuse(environment, settings.demoHistory(), "Demo payment history",
				"malipo.insights.demo-history");
		this.settings = settings;
		this.directory = directory;
		this.jdbc = jdbc;
		this.batches = batches;
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
		// Only the days since the last start: earlier ones are stored (and drawn the
		// same).
		LocalDate first = this.jdbc.sql("select max(created_at) from insights.payments where demo")
			.query((rs, n) -> java.util.Optional.ofNullable(JdbcTimes.instant(rs, "max")))
			.single()
			.map((last) -> LocalDate.ofInstant(last, Eat.ZONE).plusDays(1))
			.filter((day) -> day.isAfter(yesterday.minusDays(Forecasts.HISTORY_DAYS)))
			.orElse(yesterday.minusDays(Forecasts.HISTORY_DAYS - 1));
		int added = insert(this.batches, DemoHistory.days(first, yesterday, psychologists, SEED));
		if (added > 0) {
			log.info("Seeded {} demo payments into insights for {} psychologists", added, psychologists.size());
		}
	}

	/**
	 * Stores the payments as demo rows in one batch, each once; answers how many were
	 * new.
	 */
	static int insert(JdbcTemplate jdbc, List<DemoHistory.Payment> payments) {
		int[] counts = jdbc.batchUpdate("""
				insert into insights.payments (payment_id, session_id, client_id, psychologist_id, amount, phone,
				  state, result_code, created_at, settled_at, version, demo)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, true)
				on conflict (payment_id) do nothing
				""", new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement statement, int i) throws SQLException {
				DemoHistory.Payment p = payments.get(i);
				// A demo row has no booking behind it: its session is itself.
				statement.setObject(1, p.id());
				statement.setObject(2, p.id());
				statement.setObject(3, p.client());
				statement.setObject(4, p.psychologist());
				statement.setLong(5, p.amount());
				statement.setString(6, p.phone());
				statement.setString(7, p.state());
				statement.setString(8, p.resultCode());
				statement.setTimestamp(9, ts(p.createdAt()));
				statement.setTimestamp(10, ts(p.createdAt()));
			}

			@Override
			public int getBatchSize() {
				return payments.size();
			}

		});
		return java.util.Arrays.stream(counts).map((count) -> Math.max(count, 0)).sum();
	}

}
