package ke.malipo.common.database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL advisory locks held to the end of the current transaction: how a job that
 * runs on every node makes sure only one node does a piece of work at a time, without a
 * lock table. Must be called inside a transaction; the lock goes with its commit or
 * rollback, so a node that dies never leaves it held.
 */
public final class AdvisoryLocks {

	private AdvisoryLocks() {
	}

	/**
	 * Takes the lock {@code key} for this transaction, waiting while another holds it.
	 */
	public static void forTransaction(JdbcClient jdbc, long key) {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", key).query((rs, row) -> 1).single();
	}

	/** True when this transaction now holds the lock {@code key}; never waits. */
	public static boolean tryForTransaction(JdbcClient jdbc, long key) {
		return Boolean.TRUE
			.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", key).query(Boolean.class).single());
	}

	/** The same for a lock named by two numbers, such as a kind of work and a day. */
	public static boolean tryForTransaction(JdbcClient jdbc, int kind, int item) {
		return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:kind, :item)")
			.param("kind", kind)
			.param("item", item)
			.query(Boolean.class)
			.single());
	}

}
