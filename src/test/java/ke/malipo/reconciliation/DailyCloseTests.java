package ke.malipo.reconciliation;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ke.malipo.reconciliation.internal.DailyClose;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.ReconciliationHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily close (issue 12): at 23:00 East Africa Time the day is reconciled once, by
 * whichever node looks first; days missed while nothing ran are caught up oldest first;
 * looking again closes nothing twice.
 */
@MalipoIntegrationTest
class DailyCloseTests {

	private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

	@Autowired
	DailyClose close;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void backToNow() {
		this.clock.reset();
		ReconciliationHistory.forgetAfter(this.jdbc, this.clock.instant());
	}

	private boolean complete(LocalDate day) {
		return this.jdbc.sql("select complete from reconciliation.closes where day = :day")
			.param("day", day)
			.query(Boolean.class)
			.single();
	}

	@Test
	void eachDayIsClosedOnceAt23AndMissedDaysAreCaughtUp() throws Exception {
		// Whatever was due is closed first; then nothing is due until the next 23:00.
		this.close.closeDueDays();
		// (and days other tests closed incomplete are not retried in the middle of this
		// one)
		this.jdbc.sql("update reconciliation.closes set complete = true").update();
		assertThat(this.close.closeDueDays()).isEmpty();
		this.clock.travelTo(LocalTime.of(22, 59));
		assertThat(this.close.closeDueDays()).as("not before 23:00").isEmpty();
		this.clock.advance(Duration.ofMinutes(2));
		LocalDate today = this.clock.instant().atZone(EAT).toLocalDate();
		assertThat(this.close.closeDueDays()).containsExactly(today);
		assertThat(this.close.runOf(today)).isNotNull();
		assertThat(this.jdbc.sql("select started_by, range_from, range_to from reconciliation.runs where id = :id")
			.param("id", this.close.runOf(today))
			.query((rs, row) -> rs.getString(1) + " " + rs.getObject(2) + " " + rs.getObject(3))
			.single()).isEqualTo("schedule " + today + " " + today);

		// At 23:01 the day's last hour has not happened: the close is incomplete and is
		// run
		// again, once the hour has settled in M-Pesa's records, as the day's close.
		assertThat(complete(today)).isFalse();
		java.util.UUID first = this.close.runOf(today);
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(this.close.closeDueDays()).as("not again within the hour").isEmpty();
		this.clock.advance(Duration.ofMinutes(90));
		assertThat(this.close.closeDueDays()).containsExactly(today);
		assertThat(this.close.runOf(today)).isNotEqualTo(first);
		assertThat(complete(today)).as("Pull Transactions covers the whole day now").isTrue();
		assertThat(this.close.closeDueDays()).isEmpty();

		// No node ran for three days: the missed days close in order, each once, even
		// with two nodes looking at the same moment.
		this.clock.advance(Duration.ofDays(3));
		List<LocalDate> closed = new ArrayList<>();
		CompletableFuture<List<LocalDate>> other = CompletableFuture.supplyAsync(this.close::closeDueDays);
		closed.addAll(this.close.closeDueDays());
		closed.addAll(other.get());
		assertThat(closed).containsExactlyInAnyOrder(today.plusDays(1), today.plusDays(2), today.plusDays(3));
		assertThat(this.jdbc.sql("""
				select count(*) from reconciliation.runs where started_by = 'schedule' and range_from between :a and :b
				""").param("a", today).param("b", today.plusDays(3)).query(Integer.class).single()).isEqualTo(5);
		assertThat(this.close.closeDueDays()).isEmpty();
	}

}
