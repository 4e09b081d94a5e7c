package ke.malipo.operations.internal;

import java.util.List;

import ke.malipo.reconciliation.OpenProblems;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch reads the real figures (payments', reconciliation's and Daraja's) and judges
 * them: with the simulator up its circuit is closed, and reconciliation is told about
 * exactly when it has open differences.
 */
@MalipoIntegrationTest
class OperationsWatchTests {

	@Autowired
	OperationsWatch watch;

	@Autowired
	OpenProblems reconciliation;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void theWatchJudgesTheRealFigures() {
		List<String> kinds = this.watch.look().stream().map(Verdicts.Verdict::kind).toList();
		assertThat(kinds).doesNotContain("MPESA_CIRCUIT_OPEN");
		assertThat(kinds.contains("RECONCILIATION_OPEN")).isEqualTo(this.reconciliation.count() > 0);
		// Whatever it announced is handled: published in a transaction, its publications
		// complete (published outside one, they would stay open for ever).
		ke.malipo.support.Projections.caughtUp(this.jdbc, "notifications");
	}

}
