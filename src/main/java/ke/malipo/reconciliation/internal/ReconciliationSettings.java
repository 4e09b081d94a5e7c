package ke.malipo.reconciliation.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How reconciliation compares.
 *
 * @param matchWindow how long after a payment was started M-Pesa's record of it may be
 * completed, for the last matching rule (amount, phone and time)
 * @param maxStatementSize the largest statement file accepted
 * @param maxRangeDays the longest range one run may cover
 * @param closeAt when the day is reconciled by the schedule, East Africa Time
 * @param closeCheckInterval how often a node looks for a day to close (the first look
 * waits as long)
 * @param catchUpDays how many missed days the schedule closes when it was not running
 * @param pull whether runs read M-Pesa's records through Pull Transactions first
 * @param pullReach how far back Pull Transactions answers (48 hours on Daraja); older
 * hours need a statement
 * @param pullSettledAfter how long after an hour ends its Pull records are taken as
 * complete (M-Pesa's records lag behind its callbacks)
 * @param closeRetryEvery how often a close left incomplete (a source failed, or the hour
 * had not settled yet) is run again while Pull can still reach its day
 * @param statusQueriesPerRun how many unproven paid payments a daily close asks M-Pesa
 * about with Transaction Status
 * @param statusAskAgainAfter how long before a receipt M-Pesa did not confirm is asked
 * about again
 */
@ConfigurationProperties("malipo.reconciliation")
public record ReconciliationSettings(@DefaultValue("30m") Duration matchWindow,
		@DefaultValue("50MB") DataSize maxStatementSize, @DefaultValue("93") int maxRangeDays,
		@DefaultValue("23:00") java.time.LocalTime closeAt, @DefaultValue("5m") Duration closeCheckInterval,
		@DefaultValue("31") int catchUpDays, @DefaultValue("true") boolean pull,
		@DefaultValue("48h") Duration pullReach, @DefaultValue("15m") Duration pullSettledAfter,
		@DefaultValue("1h") Duration closeRetryEvery, @DefaultValue("20") int statusQueriesPerRun,
		@DefaultValue("1h") Duration statusAskAgainAfter) {

	public ReconciliationSettings {
		if (matchWindow.isNegative() || matchWindow.isZero() || matchWindow.compareTo(Duration.ofHours(24)) > 0) {
			throw new IllegalArgumentException("malipo.reconciliation.match-window must be between 1s and 24h");
		}
		if (maxStatementSize.toBytes() < 1024) {
			throw new IllegalArgumentException("malipo.reconciliation.max-statement-size must be at least 1KB");
		}
		if (catchUpDays < 1 || catchUpDays > 366) {
			throw new IllegalArgumentException("malipo.reconciliation.catch-up-days must be between 1 and 366");
		}
		if (pullReach.compareTo(Duration.ofHours(1)) < 0 || pullReach.compareTo(Duration.ofDays(31)) > 0) {
			throw new IllegalArgumentException("malipo.reconciliation.pull-reach must be between 1h and 31d");
		}
		if (pullSettledAfter.isNegative() || pullSettledAfter.compareTo(Duration.ofHours(24)) > 0) {
			throw new IllegalArgumentException("malipo.reconciliation.pull-settled-after must be between 0 and 24h");
		}
		if (closeRetryEvery.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("malipo.reconciliation.close-retry-every must be at least 1m");
		}
		if (statusQueriesPerRun < 0 || statusQueriesPerRun > 1000) {
			throw new IllegalArgumentException(
					"malipo.reconciliation.status-queries-per-run must be between 0 and 1000");
		}
		if (statusAskAgainAfter.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("malipo.reconciliation.status-ask-again-after must be at least 1m");
		}
		if (maxRangeDays < 1 || maxRangeDays > 366) {
			throw new IllegalArgumentException("malipo.reconciliation.max-range-days must be between 1 and 366");
		}
	}

}
