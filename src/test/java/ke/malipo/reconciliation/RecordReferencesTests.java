package ke.malipo.reconciliation;

import java.util.UUID;

import ke.malipo.support.MalipoIntegrationTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Records belong to their statement and items to their run, checked once per SQL
 * statement instead of row by row (migration V49): every promise the foreign keys made
 * still holds. Each case runs in a transaction that is rolled back.
 */
@MalipoIntegrationTest
class RecordReferencesTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aRecordNeedsItsStatementAndAStatementKeepsItsRecords() {
		inRolledBackTransaction((status) -> {
			UUID statement = statement();
			UUID record = record(statement);
			refused(status, () -> record(UUID.randomUUID()), "statement that does not exist");
			refused(status,
					() -> this.jdbc.sql("update reconciliation.records set statement_id = :other where id = :id")
						.param("other", UUID.randomUUID())
						.param("id", record)
						.update(),
					"does not exist");
			refused(status,
					() -> this.jdbc.sql("delete from reconciliation.statements where id = :id")
						.param("id", statement)
						.update(),
					"records still refer");
			refused(status,
					() -> this.jdbc.sql("update reconciliation.statements set id = :other where id = :id")
						.param("other", UUID.randomUUID())
						.param("id", statement)
						.update(),
					"cannot change");
		});
		inRolledBackTransaction((status) -> {
			UUID statement = statement();
			UUID record = record(statement);
			this.jdbc.sql("delete from reconciliation.records where id = :id").param("id", record).update();
			assertThat(this.jdbc.sql("delete from reconciliation.statements where id = :id")
				.param("id", statement)
				.update()).isEqualTo(1);
		});
	}

	@Test
	void anItemNeedsItsRunAndARunTakesItsItemsWithIt() {
		inRolledBackTransaction((status) -> {
			UUID run = run();
			item(run);
			item(run);
			refused(status, () -> item(UUID.randomUUID()), "run that does not exist");
			refused(status,
					() -> this.jdbc.sql("update reconciliation.items set run_id = :other where run_id = :run")
						.param("other", UUID.randomUUID())
						.param("run", run)
						.update(),
					"does not exist");
			assertThat(this.jdbc.sql("delete from reconciliation.runs where id = :id").param("id", run).update())
				.isEqualTo(1);
			assertThat(this.jdbc.sql("select count(*) from reconciliation.items where run_id = :run")
				.param("run", run)
				.query(Integer.class)
				.single()).isZero();
		});
	}

	private void inRolledBackTransaction(java.util.function.Consumer<TransactionStatus> work) {
		this.transactions.executeWithoutResult((status) -> {
			status.setRollbackOnly();
			work.accept(status);
		});
	}

	/**
	 * Refused with a foreign key violation saying this; the transaction goes on from a
	 * savepoint.
	 */
	private static void refused(TransactionStatus status, ThrowingCallable call, String saying) {
		Object savepoint = status.createSavepoint();
		assertThatThrownBy(call).isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining(saying);
		status.rollbackToSavepoint(savepoint);
	}

	private UUID statement() {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into reconciliation.statements (id, file_name, sha256, lines, added, period_from, period_to,
				  uploaded_at) values (:id, 'test.csv', '', 1, 1, now(), now(), now())
				""").param("id", id).update();
		return id;
	}

	private UUID record(UUID statement) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into reconciliation.records (id, source, fingerprint, occurrence, receipt, completed_at, status,
				  paid_in, statement_id, line, seen_at)
				values (:id, 'STATEMENT', :id, 1, 'UAB1CD2EF3', now(), 'Completed', 100, :statement, 5, now())
				""").param("id", id).param("statement", statement).update();
		return id;
	}

	private UUID run() {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into reconciliation.runs (id, range_from, range_to, started_by, started_at, status)
				values (:id, current_date, current_date, 'test', now(), 'COMPLETE')
				""").param("id", id).update();
		return id;
	}

	private void item(UUID run) {
		this.jdbc.sql("""
				insert into reconciliation.items (id, run_id, status, rule, in_range)
				values (gen_random_uuid(), :run, 'MATCHED', 'RECEIPT', true)
				""").param("run", run).update();
	}

}
