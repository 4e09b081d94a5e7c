package ke.malipo.benchmarks;

import java.util.Locale;

import ke.malipo.audit.internal.AuditVerifier;
import ke.malipo.audit.internal.Sequencer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * quality.md F5, its second half: verifying 1,000,000 audit entries takes under 10 s. A
 * million entries are written (set-based, in the shape payment events leave), chained by
 * the sequencer batch after batch as in production, and the whole trail is verified. Run
 * with {@code ./mvnw -Pbenchmarks test -Dtest=AuditBenchmark}.
 */
@SpringBootTest(properties = { "logging.level.ke.malipo=warn", "malipo.audit.sequence-every=1h",
		"malipo.database.database-name=audit_benchmark" })
class AuditBenchmark {

	private static final int ENTRIES = Integer.getInteger("audit.entries", 1_000_000);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Sequencer sequencer;

	@Autowired
	AuditVerifier verifier;

	@Test
	void aMillionEntriesVerifyWithinTenSeconds() {
		this.jdbc.sql("""
				insert into audit.entries (at, actor_id, actor_role, actor_name, action, subject, detail)
				select now() - make_interval(secs => (:n - n) / 100.0), gen_random_uuid(), 'CLIENT', null,
				       'PAYMENT_STATUS_CHANGED', 'payment:' || gen_random_uuid(),
				       'from AWAITING_CUSTOMER to PAID; cause: CALLBACK Receipt UKU' || lpad(cast(n as text), 7, '0')
				  from generate_series(1, :n) n
				""").param("n", ENTRIES).update();
		long began = System.nanoTime();
		long chained = 0;
		int batch;
		while ((batch = this.sequencer.sequence()) > 0) {
			chained += batch;
		}
		long sequenceMillis = (System.nanoTime() - began) / 1_000_000;
		BenchmarkFixtures.report("F5 sequencing",
				String.format(Locale.ROOT, "%,d entries chained in %,d ms (%,d entries/s)", chained, sequenceMillis,
						chained * 1000 / Math.max(1, sequenceMillis)));

		began = System.nanoTime();
		AuditVerifier.Result result = this.verifier.verify();
		long verifyMillis = (System.nanoTime() - began) / 1_000_000;
		BenchmarkFixtures.report("F5 verification",
				String.format(Locale.ROOT,
						"%,d entries and %d checkpoints verified in %,d ms (target 10,000 ms): ok=%s", result.entries(),
						result.checkpoints(), verifyMillis, result.ok()));
		assertThat(result.ok()).as(String.valueOf(result.reason())).isTrue();
		assertThat(result.entries()).isGreaterThanOrEqualTo(ENTRIES);
	}

}
